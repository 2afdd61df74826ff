// The Yuquan (玉泉区, 150104) services of rules/150104.toml, written in JsonLogic
// (json-logic-js). Source text: shared/seeds/002_48cd7ee17d79ebfb.txt, 三、服务对象.
//
// The data is the contract answers object itself ({"age": 72, "economic": "dibao", …}).
//
// Three-valued outcomes. JsonLogic has only true/false, so each of our
// `verify("…")` notes is written as the placeholder VERIFY, and a service's
// status rule is
//
//     {"if": [cond(VERIFY = false), "eligible",
//             cond(VERIFY = true),  "maybe",
//             "ineligible"]}
//
// With every fact answered, the only open question is the note, and every
// note sits under `and`/`or` only (never under `not`), so "true even if the
// note says no" is exactly eligible and "true only if the note says yes" is
// exactly maybe: the same answer as yanglao's exact three-valued evaluation.
'use strict';

const VERIFY = Symbol('verify');

const v = (key) => ({ var: key });
const ge = (key, n) => ({ '>=': [v(key), n] });
const is = (key, value) => ({ '==': [v(key), value] });
const oneOf = (key, values) => ({ in: [v(key), values] });
const yes = (key) => ({ '==': [v(key), true] });
const no = (key) => ({ '==': [v(key), false] });
const and = (...xs) => ({ and: xs });
const or = (...xs) => ({ or: xs });

// ability is ordered intact < mild < moderate < severe < total.
const ABILITY_AT_LEAST_MILD = ['mild', 'moderate', 'severe', 'total'];
const ABILITY_AT_LEAST_MODERATE = ['moderate', 'severe', 'total'];
const DIBAO = ['dibao', 'dibao_edge'];

// 三、(一) 政府购买居家上门服务
const homeCare = and(
  ge('age', 60),
  yes('lives_in_region'),
  oneOf('ability', ABILITY_AT_LEAST_MILD),
  or(
    // 第1类：65周岁以上城乡特困分散供养人员
    and(ge('age', 65), is('economic', 'tekun_scattered')),
    // 第2类：80周岁以上城乡低保家庭及低保边缘家庭中的老人
    and(ge('age', 80), oneOf('economic', DIBAO)),
    // 第3类：城乡低保家庭及低保边缘家庭中的中度、重度失能失智老人
    and(
      oneOf('economic', DIBAO),
      or(
        oneOf('ability', ABILITY_AT_LEAST_MODERATE),
        // verify: 已诊断失智、但能力评估不到中度失能的，失智程度由区民政局认定
        and(yes('dementia'), VERIFY),
      ),
    ),
    // 第4类：70周岁及以上的计生特扶老人、独居老人
    and(ge('age', 70), or(yes('fp_special_support'), is('living', 'alone'))),
    // 第5类：70周岁以上的劳模、因公致残或见义勇为伤残等突出贡献人员
    and(ge('age', 70), yes('contributor')),
    // 第6类：90周岁以上老年人
    ge('age', 90),
  ),
  no('institution_subsidy'),
  no('ltc_insurance'),
);

// 三、(二) 助餐服务
const mealAssistance = and(
  ge('age', 60),
  yes('lives_in_region'),
  or(
    // 第1类：60周岁以上城乡特困人员（分散、集中供养都算）
    oneOf('economic', ['tekun_scattered', 'tekun_concentrated']),
    // 第2类：60周岁以上中度失能失智、重度失能失智老人
    or(
      oneOf('ability', ABILITY_AT_LEAST_MODERATE),
      // verify: 已诊断失智、但能力评估不到中度失能的
      and(yes('dementia'), VERIFY),
    ),
    // 第3类：60周岁以上低保及低保边缘家庭中的人员
    oneOf('economic', DIBAO),
    // 第4类：60周岁以上空巢（留守）老人
    or(
      oneOf('living', ['empty_nest', 'left_behind']),
      // verify: 独居老人能否按空巢老人享受助餐服务
      and(is('living', 'alone'), VERIFY),
    ),
    // 第5类：60周岁以上失独老人
    is('fp_family', 'bereaved'),
    // 第6类：100周岁以上老人
    ge('age', 100),
  ),
);

/** The condition with every VERIFY placeholder replaced by a constant. */
function settle(rule, value) {
  if (rule === VERIFY) return value;
  if (Array.isArray(rule)) return rule.map((r) => settle(r, value));
  if (rule && typeof rule === 'object') {
    return Object.fromEntries(Object.entries(rule).map(([k, r]) => [k, settle(r, value)]));
  }
  return rule;
}

/** The status rule: "eligible", "maybe" or "ineligible". */
const status = (cond) => ({ if: [settle(cond, false), 'eligible', settle(cond, true), 'maybe', 'ineligible'] });

module.exports = {
  'yuquan-home-care': status(homeCare),
  'yuquan-meal-assistance': status(mealAssistance),
};
