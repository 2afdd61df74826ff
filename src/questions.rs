//! The words of the questionnaire: each fact as a plain question, its answer
//! buttons, a short help text for policy terms, and how to find out when the
//! answer is 不知道. Wording follows ../shared/PLAIN-LANGUAGE.md: 您 when the
//! older person answers, 老人 when a family member does.

use crate::i18n::Lang;
use yanglao_core::facts::FactType;
use yanglao_core::Fact;

/// Who is answering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// The older person, for themselves.
    Myself,
    /// A son, daughter or other helper, for the older person.
    Family,
}

impl Who {
    /// How the questions name the older person.
    pub fn subject(self) -> &'static str {
        match self {
            Who::Myself => "您",
            Who::Family => "老人",
        }
    }
    /// The same in English, at the start of a sentence and within one.
    pub fn subject_en(self) -> (&'static str, &'static str) {
        match self {
            Who::Myself => ("You", "you"),
            Who::Family => ("The older person", "the older person"),
        }
    }
    /// "Are you" / "Is the older person".
    fn be_en(self) -> &'static str {
        match self {
            Who::Myself => "Are you",
            Who::Family => "Is the older person",
        }
    }
    /// "Do you" / "Does the older person".
    fn do_en(self) -> &'static str {
        match self {
            Who::Myself => "Do you",
            Who::Family => "Does the older person",
        }
    }
    /// "your" / "their".
    fn their_en(self) -> &'static str {
        match self {
            Who::Myself => "your",
            Who::Family => "their",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Who::Myself => "self",
            Who::Family => "family",
        }
    }
}

/// One answer button: the value stored (None = 不知道), its key in the page
/// (`data-answer`) and its words.
#[derive(Clone, Debug, PartialEq)]
pub struct Option_ {
    pub value: Option<i32>,
    pub key: String,
    pub label: String,
}

/// The key of the 不知道 button.
pub const UNKNOWN: &str = "unknown";
/// The words of the 不知道 button.
pub const UNKNOWN_LABEL: &str = "不知道 / 不确定";

pub fn unknown_label(lang: Lang) -> &'static str {
    lang.t(UNKNOWN_LABEL, "I don't know / not sure")
}

/// The question for a fact, addressed to `who`; `place` is the region's short name.
pub fn question(fact: Fact, who: Who, place: &str) -> String {
    question_in(Lang::Zh, fact, who, place)
}

/// The question in a language.
pub fn question_in(lang: Lang, fact: Fact, who: Who, place: &str) -> String {
    if lang.is_en() {
        return question_en(fact, who, place);
    }
    let s = who.subject();
    match fact {
        Fact::Age => format!("{s}今年多少周岁？"),
        Fact::LivesInRegion => format!("{s}平时住在户口所在的{place}吗？"),
        Fact::Economic => format!("{s}家是低保、特困或低收入家庭吗？"),
        Fact::Ability => format!("{s}做过老年人能力评估吗？结果是什么？"),
        Fact::Dementia => format!("{s}经医院诊断有失智（老年痴呆）吗？"),
        Fact::DisabilityGrade => format!("{s}有残疾人证吗？是几级？"),
        Fact::DisabilityKind => format!("{s}的残疾人证上写的是哪一类残疾？"),
        Fact::Living => format!("{s}现在和谁一起住？"),
        Fact::FpFamily => format!("{s}家是计划生育特殊家庭吗？"),
        Fact::FpSpecialSupport => format!("{s}在领计划生育特别扶助金吗？"),
        Fact::Contributor => {
            format!("{s}是市级以上劳动模范、因公致残或见义勇为伤残人员吗？")
        }
        Fact::MilitaryPriority => format!("{s}是优抚对象吗？"),
        Fact::NoSupporter => format!("{s}是不是没有子女等赡养人（或赡养人没有能力赡养）？"),
        Fact::LtcInsurance => format!("{s}现在享受长期护理保险（长护险）待遇吗？"),
        Fact::InstitutionSubsidy => {
            format!("{s}已经在领养老院的护理补贴，或者家庭养老床位的补贴吗？")
        }
    }
}

fn question_en(fact: Fact, who: Who, place: &str) -> String {
    let (be, d, their) = (who.be_en(), who.do_en(), who.their_en());
    let place = crate::i18n::place_en(place).unwrap_or(place);
    match fact {
        Fact::Age => match who {
            Who::Myself => "How old are you (in full years)?".to_string(),
            Who::Family => "How old is the older person (in full years)?".to_string(),
        },
        Fact::LivesInRegion => {
            format!("{d} usually live in {place}, where {their} household is registered?")
        }
        Fact::Economic => format!("{d} get 低保 or 特困 support, or have a low income?"),
        Fact::Ability => format!(
            "Has {} had an older-person ability assessment? What was the result?",
            if who == Who::Myself {
                "you"
            } else {
                "the older person"
            }
        ),
        Fact::Dementia => format!(
            "Has a hospital diagnosed {} with dementia?",
            if who == Who::Myself {
                "you"
            } else {
                "the older person"
            }
        ),
        Fact::DisabilityGrade => format!("{d} have a disability certificate? Which grade?"),
        Fact::DisabilityKind => {
            format!("Which kind of disability is on {their} disability certificate?")
        }
        Fact::Living => format!(
            "Who {} live with now?",
            if who == Who::Myself {
                "do you"
            } else {
                "does the older person"
            }
        ),
        Fact::FpFamily => format!("{be} in a family-planning special family?"),
        Fact::FpSpecialSupport => {
            format!("{d} receive the family-planning special support payment?")
        }
        Fact::Contributor => {
            format!("{be} a model worker, disabled at work, or injured acting bravely?")
        }
        Fact::MilitaryPriority => {
            format!("{be} entitled to military preferential care (优抚对象)?")
        }
        Fact::NoSupporter => format!(
            "{be} without anyone able to support {}?",
            if who == Who::Myself { "you" } else { "them" }
        ),
        Fact::LtcInsurance => format!("{d} currently receive long-term care insurance benefits?"),
        Fact::InstitutionSubsidy => {
            format!("{d} already get a care-home or family care-bed subsidy?")
        }
    }
}

/// A short explanation of the terms in the question (shown under it).
pub fn help_in(lang: Lang, fact: Fact) -> &'static str {
    if !lang.is_en() {
        return help(fact);
    }
    match fact {
        Fact::Age => "Full years: one year more only after this year's birthday. If unsure, give the date of birth instead.",
        Fact::LivesInRegion => "Where the household is registered: the address in the household register (户口本). If living long-term with children elsewhere, choose “No”.",
        Fact::Economic => "低保 is the minimum living allowance. 特困 is support for people in extreme poverty: no ability to work, no income and no one to support them. Both must have been recognised by the civil affairs office.",
        Fact::Ability => "The ability assessment is arranged by the township or street office and looks at eating, dressing, walking and other daily activities. If there has been no assessment, choose “I don't know”.",
        Fact::Dementia => "Dementia: memory and judgement clearly worse, affecting daily life. A hospital diagnosis counts.",
        Fact::DisabilityGrade => "The disability certificate is issued by the Disabled Persons' Federation. Grade 1 is the most severe; grades 1 and 2 are severe disability.",
        Fact::DisabilityKind => "See “disability category” on the certificate.",
        Fact::Living => "Alone; only with a spouse (empty nest); children away long-term (left behind); or with family.",
        Fact::FpFamily => "A family whose only child has died, or whose only child is disabled (grade 3 or worse).",
        Fact::FpSpecialSupport => "A payment to parents in families whose only child has died or is disabled.",
        Fact::Contributor => "Model workers at city level or above, people disabled at work or injured acting bravely, and others recognised for outstanding contributions.",
        Fact::MilitaryPriority => "Veterans, families of serving soldiers, families of martyrs or of soldiers who died on duty, and others.",
        Fact::NoSupporter => "Supporters: children and other relatives who must by law look after the older person. If there are none, or none of them can, choose “Yes”.",
        Fact::LtcInsurance => "Long-term care insurance: arranged by the medical insurance office, for people who cannot look after themselves.",
        Fact::InstitutionSubsidy => "A government nursing subsidy while living in a care home, or the operating subsidy for a “family care bed” (家庭养老床位) set up at home by a care provider. Neither: choose “No”.",
    }
}

/// A short explanation of the terms in the question (shown under it).
pub fn help(fact: Fact) -> &'static str {
    match fact {
        Fact::Age => "周岁：过了今年的生日才算长一岁。记不清的，可以改填出生日期。",
        Fact::LivesInRegion => "户口所在地：户口本上的地址。长期住在外地子女家的，选“不是”。",
        Fact::Economic => "低保：最低生活保障。特困人员：无劳动能力、无生活来源、无人赡养的困难老人。都要由民政部门认定过才算。",
        Fact::Ability => "能力评估：由乡镇（街道）组织，看吃饭、穿衣、走路等日常生活能不能自理。失能：生活不能完全自理。没做过评估的，选“不知道”。",
        Fact::Dementia => "失智：记忆力、判断力明显下降，影响日常生活。以医院的诊断为准。",
        Fact::DisabilityGrade => "残疾人证由残联发放。一级最重，一级、二级属于重度残疾。",
        Fact::DisabilityKind => "看残疾人证上的“残疾类别”。",
        Fact::Living => "独居：一个人住。空巢：只和老伴住。留守：子女长期在外地。",
        Fact::FpFamily => "失独家庭：独生子女去世。伤残家庭：独生子女三级以上残疾。",
        Fact::FpSpecialSupport => "计划生育特别扶助金（计生特扶）：发给失独、独生子女伤残家庭父母的钱。",
        Fact::Contributor => "指市级以上劳动模范、因公致残人员、见义勇为伤残人员等为社会作出突出贡献的人。",
        Fact::MilitaryPriority => "优抚对象：退役军人、现役军人家属、烈士遗属、因公牺牲或病故军人遗属等。",
        Fact::NoSupporter => "赡养人：依法应当照顾老人的子女等亲属。没有，或者他们自己也没有能力照顾，选“是”。",
        Fact::LtcInsurance => "长期护理保险（长护险）：医保部门办理，给失能人员的护理待遇。",
        Fact::InstitutionSubsidy => "指住在养老院、政府给了护理补贴；或者养老机构在家里设了“家庭养老床位”，政府给了床位补贴。都没有的，选“没有”。",
    }
}

/// How to find out, in a language.
pub fn how_to_find_out_in(lang: Lang, fact: Fact) -> &'static str {
    if !lang.is_en() {
        return how_to_find_out(fact);
    }
    match fact {
        Fact::Age => "see the date of birth on the ID card or household register",
        Fact::LivesInRegion => "the household register address and where the person actually lives decide",
        Fact::Economic => "ask the township (street) office or the village (community) whether 低保 or 特困 status has been recognised",
        Fact::Ability => "ask the township (street) office for an older-person ability assessment",
        Fact::Dementia => "see a doctor; a hospital diagnosis decides",
        Fact::DisabilityGrade => "see the disability certificate; without one, apply to the county (district) Disabled Persons' Federation",
        Fact::DisabilityKind => "see the category on the disability certificate",
        Fact::Living => "answer as things actually are",
        Fact::FpFamily | Fact::FpSpecialSupport => "ask the health (family planning) office of the township (street)",
        Fact::Contributor => "ask the township (street) office or the body that issued the certificate",
        Fact::MilitaryPriority => "ask the veterans' service station",
        Fact::NoSupporter => "ask the village (community) or township (street) office",
        Fact::LtcInsurance => "ask the medical insurance office",
        Fact::InstitutionSubsidy => "ask the care home or the provider of the family care bed",
    }
}

/// How to find out an answer the person does not know (shown on 需要核实 cards).
pub fn how_to_find_out(fact: Fact) -> &'static str {
    match fact {
        Fact::Age => "看身份证或户口本上的出生日期",
        Fact::LivesInRegion => "以户口本地址和实际常住地为准",
        Fact::Economic => "到乡镇（街道）或村（社区）问是否已认定为低保、特困对象",
        Fact::Ability => "向乡镇（街道）申请老年人能力评估",
        Fact::Dementia => "到医院就诊，以医生的诊断为准",
        Fact::DisabilityGrade => "看残疾人证；还没有证的，可向县（区）残联申请评定",
        Fact::DisabilityKind => "看残疾人证上的残疾类别",
        Fact::Living => "按实际居住情况填写",
        Fact::FpFamily => "向乡镇（街道）卫健（计生）办公室咨询",
        Fact::FpSpecialSupport => "向乡镇（街道）卫健（计生）办公室咨询",
        Fact::Contributor => "向乡镇（街道）或发证单位咨询",
        Fact::MilitaryPriority => "向退役军人服务站咨询",
        Fact::NoSupporter => "向村（社区）或乡镇（街道）咨询",
        Fact::LtcInsurance => "向医保部门咨询",
        Fact::InstitutionSubsidy => "问所住的养老机构，或设家庭养老床位的机构",
    }
}

/// The answer buttons in a language (same values and keys in both).
pub fn options_in(lang: Lang, fact: Fact) -> Vec<Option_> {
    let mut list = options(fact);
    if lang.is_en() {
        for o in &mut list {
            o.label = option_en(fact, &o.key).to_string();
        }
    }
    list
}

fn option_en(fact: Fact, key: &str) -> &'static str {
    match (fact, key) {
        (_, "tekun_scattered") => "Extreme poverty (特困), living at home",
        (_, "tekun_concentrated") => "Extreme poverty (特困), living in a care home",
        (_, "dibao") => "Minimum living allowance (低保)",
        (_, "dibao_edge") => "Family just above the 低保 line (低保边缘)",
        (_, "low_income") => "Other low-income family (e.g. monitored for poverty)",
        (Fact::Economic, "none") => "None of these",
        (_, "intact") => "Fully able (looks after themselves)",
        (_, "mild") => "Mildly disabled",
        (_, "moderate") => "Moderately disabled",
        (_, "severe") => "Severely disabled",
        (_, "total") => "Completely disabled",
        (Fact::DisabilityGrade, "0") => "No disability certificate",
        (Fact::DisabilityGrade, "1") => "Grade 1",
        (Fact::DisabilityGrade, "2") => "Grade 2",
        (Fact::DisabilityGrade, "3") => "Grade 3",
        (Fact::DisabilityGrade, "4") => "Grade 4",
        (_, "alone") => "Alone",
        (_, "empty_nest") => "Only with a spouse (empty nest)",
        (_, "left_behind") => "Children away long-term (left behind)",
        (_, "with_family") => "With children or other family",
        (Fact::FpFamily, "none") => "No",
        (_, "bereaved") => "Yes: the only child has died",
        (_, "disabled_child") => "Yes: the only child is disabled",
        (_, "physical") => "Physical",
        (_, "intellectual") => "Intellectual",
        (_, "mental") => "Mental",
        (_, "visual") => "Visual",
        (_, "hearing") => "Hearing",
        (_, "speech") => "Speech",
        (_, "multiple") => "Multiple",
        (Fact::LivesInRegion, "yes") => "Yes, lives here",
        (Fact::LivesInRegion, "no") => "No, lives elsewhere",
        (Fact::NoSupporter, "yes") => "Yes, no one to support them",
        (Fact::NoSupporter, "no") => "No, children or others support them",
        (_, "yes") => "Yes",
        (_, "no") => "No",
        _ => "",
    }
}

/// The answer buttons for a fact (without 不知道, which every question has).
/// Age is typed, so it has none.
pub fn options(fact: Fact) -> Vec<Option_> {
    let opt = |value: i32, key: &str, label: &str| Option_ {
        value: Some(value),
        key: key.to_string(),
        label: label.to_string(),
    };
    match fact {
        Fact::Age => Vec::new(),
        Fact::Economic => vec![
            opt(0, "tekun_scattered", "特困人员，住在自己家（分散供养）"),
            opt(
                1,
                "tekun_concentrated",
                "特困人员，住在敬老院等（集中供养）",
            ),
            opt(2, "dibao", "低保对象"),
            opt(3, "dibao_edge", "低保边缘家庭"),
            opt(4, "low_income", "其他低收入家庭（如防返贫监测对象）"),
            opt(5, "none", "都不是"),
        ],
        Fact::Ability => vec![
            opt(0, "intact", "能力完好（生活能自理）"),
            opt(1, "mild", "轻度失能"),
            opt(2, "moderate", "中度失能"),
            opt(3, "severe", "重度失能"),
            opt(4, "total", "完全失能"),
        ],
        Fact::DisabilityGrade => vec![
            opt(0, "0", "没有残疾人证"),
            opt(1, "1", "一级"),
            opt(2, "2", "二级"),
            opt(3, "3", "三级"),
            opt(4, "4", "四级"),
        ],
        Fact::Living => vec![
            opt(0, "alone", "一个人住（独居）"),
            opt(1, "empty_nest", "只和老伴住（空巢）"),
            opt(2, "left_behind", "子女长期在外地（留守）"),
            opt(3, "with_family", "和子女等家人一起住"),
        ],
        Fact::FpFamily => vec![
            opt(0, "none", "不是"),
            opt(1, "bereaved", "是，独生子女去世（失独家庭）"),
            opt(2, "disabled_child", "是，独生子女伤残"),
        ],
        Fact::LivesInRegion => vec![
            opt(1, "yes", "是，常住这里"),
            opt(0, "no", "不是，常住外地"),
        ],
        Fact::InstitutionSubsidy => vec![opt(1, "yes", "是，在领"), opt(0, "no", "没有")],
        Fact::NoSupporter => vec![
            opt(1, "yes", "是，没有人赡养"),
            opt(0, "no", "不是，有子女等赡养"),
        ],
        other => match &other.info().ty {
            FactType::Enum { choices, .. } => choices
                .iter()
                .enumerate()
                .map(|(i, c)| opt(i as i32, c.key, c.zh))
                .collect(),
            _ => vec![opt(1, "yes", "是"), opt(0, "no", "不是")],
        },
    }
}

/// The words for a stored answer, in a language.
pub fn answer_label_in(lang: Lang, fact: Fact, value: Option<i32>) -> String {
    match (lang, value) {
        (Lang::Zh, _) => answer_label(fact, value),
        (Lang::En, None) => "I don't know".to_string(),
        (Lang::En, Some(v)) if fact == Fact::Age => format!("{v} years old"),
        (Lang::En, Some(v)) => options_in(lang, fact)
            .into_iter()
            .find(|o| o.value == Some(v))
            .map(|o| o.label)
            .unwrap_or_else(|| fact.value_zh(v)),
    }
}

/// The words for a stored answer, as listed on the results page.
pub fn answer_label(fact: Fact, value: Option<i32>) -> String {
    match value {
        None => "不知道".to_string(),
        Some(v) if fact == Fact::Age => format!("{v}周岁"),
        Some(v) => options(fact)
            .into_iter()
            .find(|o| o.value == Some(v))
            .map(|o| o.label)
            .unwrap_or_else(|| fact.value_zh(v)),
    }
}

/// A short name of the fact, in a language.
pub fn short_name_in(lang: Lang, fact: Fact) -> &'static str {
    if !lang.is_en() {
        return short_name(fact);
    }
    match fact {
        Fact::Age => "Age",
        Fact::LivesInRegion => "Lives where registered",
        Fact::Economic => "低保, 特困 or low income",
        Fact::Ability => "Ability assessment result",
        Fact::Dementia => "Diagnosed with dementia",
        Fact::DisabilityGrade => "Disability certificate",
        Fact::DisabilityKind => "Kind of disability",
        Fact::Living => "Lives with",
        Fact::FpFamily => "Family-planning special family",
        Fact::FpSpecialSupport => "Family-planning special support",
        Fact::Contributor => "Outstanding contributor",
        Fact::MilitaryPriority => "Military preferential care",
        Fact::NoSupporter => "No one to support them",
        Fact::LtcInsurance => "Long-term care insurance",
        Fact::InstitutionSubsidy => "Care-home or family care-bed subsidy",
    }
}

/// A short name of the fact, for the answers list ("年龄", "居住情况").
pub fn short_name(fact: Fact) -> &'static str {
    match fact {
        Fact::Age => "年龄",
        Fact::LivesInRegion => "常住户口所在地",
        Fact::Economic => "低保、特困或低收入",
        Fact::Ability => "能力评估结果",
        Fact::Dementia => "经诊断失智",
        Fact::DisabilityGrade => "残疾人证",
        Fact::DisabilityKind => "残疾类别",
        Fact::Living => "和谁一起住",
        Fact::FpFamily => "计划生育特殊家庭",
        Fact::FpSpecialSupport => "计生特别扶助金",
        Fact::Contributor => "突出贡献人员",
        Fact::MilitaryPriority => "优抚对象",
        Fact::NoSupporter => "没有赡养人",
        Fact::LtcInsurance => "长期护理保险待遇",
        Fact::InstitutionSubsidy => "养老院护理补贴或家庭养老床位补贴",
    }
}

/// What the age box can hold: the age in 周岁, or a birth date with as
/// much of it as was typed ("1944", "1944年3月", "1944-03-05").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeInput {
    Years(i32),
    Born(yanglao_core::Date),
    BornYearMonth(i32, u8),
    BornYear(i32),
}

/// What the age box settles: the age, the birth date, or the birth year with
/// the question still open of whether this year's birthday has passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeAnswer {
    Years(i32),
    Born(yanglao_core::Date),
    /// Born in this year; the age is `year_now - year` once this year's
    /// birthday has passed, one less before.
    AskBirthday(i32),
}

impl AgeInput {
    /// What the input settles on `today` (born in March and it is December:
    /// the birthday has passed; born in this month: ask).
    pub fn settle(self, today: yanglao_core::Date) -> AgeAnswer {
        match self {
            AgeInput::Years(y) => AgeAnswer::Years(y),
            AgeInput::Born(d) => AgeAnswer::Born(d),
            AgeInput::BornYear(y) => AgeAnswer::AskBirthday(y),
            AgeInput::BornYearMonth(y, m) if m < today.month() => {
                AgeAnswer::Years(today.year() - y)
            }
            AgeInput::BornYearMonth(y, m) if m > today.month() => {
                AgeAnswer::Years(today.year() - y - 1)
            }
            AgeInput::BornYearMonth(y, _) => AgeAnswer::AskBirthday(y),
        }
    }
}

/// What is wrong with what was typed in the age box.
#[derive(Clone, Debug, PartialEq, Eq)]
enum AgeProblem {
    Empty,
    Negative,
    NotANumber,
    Zero,
    /// Over 130 (the number, if it fits in a u32).
    TooOld(Option<u32>),
    /// Looks like a date (digits with 年, 月, dots or dashes) that is not a real past one.
    BadDate,
    /// A four-digit year outside the last 130 years.
    BadYear(u32),
}

/// Full-width digits and signs made ASCII and spaces removed: how people type on phones.
fn normalise_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' | '—' | '–' => '-',
            '／' => '/',
            other => other,
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Splits "1944年3月5日", "1944.3.5", "1944-03-05", "1944/3" into numbers;
/// None when it is not digits separated by such marks.
fn date_parts(text: &str) -> Option<Vec<u32>> {
    let mut parts = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '0'..='9' => current.push(c),
            '年' | '月' | '日' | '号' | '.' | '-' | '/' => {
                if current.is_empty() {
                    return None;
                }
                parts.push(current.parse().ok()?);
                current.clear();
            }
            _ => return None,
        }
    }
    if !current.is_empty() {
        parts.push(current.parse().ok()?);
    }
    (!parts.is_empty() && parts.len() <= 3).then_some(parts)
}

/// Reads the age box: 周岁 (full-width digits, spaces, a trailing 岁 or 周岁
/// are fine), or a birth date or year.
fn read_age(text: &str, today: yanglao_core::Date) -> Result<AgeInput, AgeProblem> {
    let normalised = normalise_digits(text);
    let digits = normalised
        .strip_suffix("周岁")
        .or_else(|| normalised.strip_suffix('岁'))
        .unwrap_or(&normalised);
    if digits.is_empty() {
        return Err(AgeProblem::Empty);
    }
    if digits.starts_with('-') && digits[1..].chars().all(|c| c.is_ascii_digit()) {
        return Err(AgeProblem::Negative);
    }
    let year_ok = |y: u32| -> Result<i32, AgeProblem> {
        let y = y as i32;
        if y < today.year() - 130 || y > today.year() {
            Err(AgeProblem::BadYear(y as u32))
        } else {
            Ok(y)
        }
    };
    let all_digits = digits.chars().all(|c| c.is_ascii_digit());
    // A birth date written as digits only: 1944, 19440305.
    if all_digits && digits.len() == 4 {
        return Ok(AgeInput::BornYear(year_ok(
            digits.parse().map_err(|_| AgeProblem::BadDate)?,
        )?));
    }
    if all_digits && digits.len() == 8 {
        let (y, m, d) = (&digits[..4], &digits[4..6], &digits[6..]);
        let date = yanglao_core::Date::new(
            year_ok(y.parse().map_err(|_| AgeProblem::BadDate)?)?,
            m.parse().map_err(|_| AgeProblem::BadDate)?,
            d.parse().map_err(|_| AgeProblem::BadDate)?,
        )
        .filter(|d| *d <= today)
        .ok_or(AgeProblem::BadDate)?;
        return Ok(AgeInput::Born(date));
    }
    if all_digits {
        return match digits.parse::<u32>() {
            Err(_) => Err(AgeProblem::TooOld(None)),
            Ok(0) => Err(AgeProblem::Zero),
            Ok(age @ 131..) => Err(AgeProblem::TooOld(Some(age))),
            Ok(age) => Ok(AgeInput::Years(age as i32)),
        };
    }
    let looks_like_date = digits.chars().any(|c| c.is_ascii_digit())
        && digits.chars().any(|c| "年月日号.-/".contains(c));
    let Some(parts) = date_parts(digits) else {
        return Err(if looks_like_date {
            AgeProblem::BadDate
        } else {
            AgeProblem::NotANumber
        });
    };
    match parts[..] {
        [y] => Ok(AgeInput::BornYear(year_ok(y)?)),
        [y, m] => {
            let y = year_ok(y)?;
            if !(1..=12).contains(&m) || (y == today.year() && m > u32::from(today.month())) {
                return Err(AgeProblem::BadDate);
            }
            Ok(AgeInput::BornYearMonth(y, m as u8))
        }
        [y, m, d] => {
            let y = year_ok(y)?;
            let date = yanglao_core::Date::new(y, m.min(255) as u8, d.min(255) as u8)
                .filter(|d| *d <= today)
                .ok_or(AgeProblem::BadDate)?;
            Ok(AgeInput::Born(date))
        }
        _ => Err(AgeProblem::BadDate),
    }
}

/// Reads the age box kindly, with the message in a language: it says what
/// was wrong and what to type instead. A date is never called "not a number".
pub fn parse_age_input_in(
    lang: Lang,
    text: &str,
    today: yanglao_core::Date,
) -> Result<AgeInput, String> {
    read_age(text, today).map_err(|problem| age_message(lang, text, problem, today))
}

fn age_message(lang: Lang, text: &str, problem: AgeProblem, today: yanglao_core::Date) -> String {
    let earliest = today.year() - 130;
    match (lang, problem) {
        (Lang::Zh, AgeProblem::Empty) => "请填写年龄（周岁），例如 72；也可以填出生年月，例如 1944年3月。".to_string(),
        (Lang::Zh, AgeProblem::Negative) => {
            format!("“{text}”是负数。请填写现在的周岁年龄，例如 72。")
        }
        (Lang::Zh, AgeProblem::NotANumber) => {
            format!("“{text}”看不懂。请填周岁年龄，例如 72；或者出生年月，例如 1944年3月。")
        }
        (Lang::Zh, AgeProblem::Zero) => "年龄不能是 0。请填写现在的周岁年龄，例如 72。".to_string(),
        (Lang::Zh, AgeProblem::TooOld(None)) => format!("“{text}”太大了。年龄最大填 130。"),
        (Lang::Zh, AgeProblem::TooOld(Some(age))) => {
            format!("{age} 岁太大了，年龄最大填 130。是不是多按了一位数字？")
        }
        (Lang::Zh, AgeProblem::BadDate) => format!(
            "“{text}”不是一个已经过去的日期。出生日期可以这样写：1944年3月5日、1944年3月 或 1944-03-05。"
        ),
        (Lang::Zh, AgeProblem::BadYear(y)) => format!(
            "出生年份 {y} 不对，应在 {earliest} 到 {} 之间。也可以直接填周岁年龄，例如 72。",
            today.year()
        ),
        (Lang::En, AgeProblem::Empty) => {
            "Please give the age in full years, for example 72, or the year and month of birth, for example 1944-03.".to_string()
        }
        (Lang::En, AgeProblem::Negative) => {
            format!("“{text}” is negative. Please give the age now in full years, for example 72.")
        }
        (Lang::En, AgeProblem::NotANumber) => format!(
            "“{text}” cannot be read. Please give the age in full years, for example 72, or the date of birth, for example 1944-03."
        ),
        (Lang::En, AgeProblem::Zero) => {
            "The age cannot be 0. Please give the age now in full years, for example 72."
                .to_string()
        }
        (Lang::En, AgeProblem::TooOld(_)) => {
            format!("{text} is too old: the largest age is 130. Was a digit typed twice?")
        }
        (Lang::En, AgeProblem::BadDate) => format!(
            "“{text}” is not a past date. A date of birth can be written 1944-03-05, 1944-03 or 1944."
        ),
        (Lang::En, AgeProblem::BadYear(y)) => format!(
            "The year of birth {y} is not right: it should be between {earliest} and {}. Or give the age in full years, for example 72.",
            today.year()
        ),
    }
}

/// Reads a typed age (周岁 only), with the message in a language: for the
/// results page, where a birth date is changed on the question screen.
pub fn parse_age_in(lang: Lang, text: &str) -> Result<i32, String> {
    // Any day serves: only 周岁 is accepted here.
    let today = yanglao_core::Date::new(2026, 1, 1).expect("a real date");
    match read_age(text, today) {
        Ok(AgeInput::Years(y)) => Ok(y),
        Ok(_) => Err(match lang {
            Lang::Zh => format!("“{text}”是出生日期。这里请填现在的周岁年龄，例如 72。"),
            Lang::En => format!("“{text}” is a date of birth. Here, please give the age now in full years, for example 72."),
        }),
        Err(problem @ (AgeProblem::BadDate | AgeProblem::BadYear(_))) => Err(match lang {
            Lang::Zh => format!("“{text}”不是年龄。这里请填现在的周岁年龄，例如 72。"),
            Lang::En => age_message(lang, text, problem, today),
        }),
        Err(problem) => Err(age_message(lang, text, problem, today)),
    }
}

/// Reads a typed age kindly, with the message in Chinese.
pub fn parse_age(text: &str) -> Result<i32, String> {
    parse_age_in(Lang::Zh, text)
}

/// Reads a birth date from its three boxes; the day, or the month and the
/// day, may be left empty (then the birthday question settles the age).
pub fn parse_birth_parts_in(
    lang: Lang,
    year: &str,
    month: &str,
    day: &str,
    today: yanglao_core::Date,
) -> Result<AgeInput, String> {
    let (m, d) = (normalise_digits(month), normalise_digits(day));
    if d.trim_end_matches(['日', '号']).is_empty() {
        // As much as was typed, read the way the age box reads it.
        let text = match m.trim_end_matches('月') {
            "" => normalise_digits(year),
            m => format!("{}年{m}月", normalise_digits(year).trim_end_matches('年')),
        };
        return match read_age(&text, today) {
            Ok(input @ (AgeInput::BornYear(_) | AgeInput::BornYearMonth(..))) => Ok(input),
            // The three-box reader names the box that is wrong.
            _ => Err(
                match parse_birth_date_in(
                    lang,
                    year,
                    if m.is_empty() { "1" } else { month },
                    "1",
                    today,
                ) {
                    Err(message) => message,
                    Ok(_) => age_message(lang, &text, AgeProblem::BadDate, today),
                },
            ),
        };
    }
    parse_birth_date_in(lang, year, month, day, today).map(AgeInput::Born)
}

/// Reads a birth date, with the message in a language.
pub fn parse_birth_date_in(
    lang: Lang,
    year: &str,
    month: &str,
    day: &str,
    today: yanglao_core::Date,
) -> Result<yanglao_core::Date, String> {
    let result = parse_birth_date(year, month, day, today);
    match (lang, result) {
        (Lang::En, Err(_)) => Err(format!(
            "The date of birth “{year}-{month}-{day}” is not a real past date. Please give the year (4 digits, for example 1954), the month (1 to 12) and the day."
        )),
        (_, r) => r,
    }
}

/// Reads a birth date typed as year, month and day, kindly.
pub fn parse_birth_date(
    year: &str,
    month: &str,
    day: &str,
    today: yanglao_core::Date,
) -> Result<yanglao_core::Date, String> {
    let number = |text: &str, what: &str, example: &str| -> Result<u32, String> {
        let t = normalise_digits(text);
        let t = t.trim_end_matches(['年', '月', '日']);
        if t.is_empty() {
            return Err(format!("请填写出生的{what}，例如 {example}。"));
        }
        if !t.chars().all(|c| c.is_ascii_digit()) || t.len() > 4 {
            return Err(format!(
                "出生的{what}“{text}”看不懂。请只填数字，例如 {example}。"
            ));
        }
        t.parse()
            .map_err(|_| format!("出生的{what}“{text}”看不懂。请只填数字，例如 {example}。"))
    };
    let y = number(year, "年份", "1954")?;
    let m = number(month, "月份", "3")?;
    let d = number(day, "日子", "15")?;
    let earliest = today.year() - 130;
    if (y as i32) < earliest || y as i32 > today.year() {
        return Err(format!(
            "出生年份 {y} 不对。请填写四位数的年份，在 {earliest} 到 {} 之间，例如 1954。",
            today.year()
        ));
    }
    if !(1..=12).contains(&m) {
        return Err(format!("月份 {m} 不对。月份在 1 到 12 之间。"));
    }
    let Some(date) = yanglao_core::Date::new(y as i32, m as u8, d.min(255) as u8) else {
        return Err(format!("{y}年{m}月没有{d}日。请检查出生日期。"));
    };
    if date > today {
        return Err(format!("{} 还没有到。请检查出生日期。", date.zh()));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_are_read_kindly() {
        assert_eq!(parse_age("72"), Ok(72));
        assert_eq!(parse_age(" ７２ 岁"), Ok(72));
        assert_eq!(parse_age("80周岁"), Ok(80));
        for bad in ["", "七十二", "-5", "0", "200", "99999999999"] {
            let message = parse_age(bad).unwrap_err();
            assert!(
                message.contains("例如") || message.contains("130"),
                "{bad}: {message}"
            );
        }
    }

    #[test]
    fn the_age_box_takes_birth_dates_and_asks_only_what_is_needed() {
        let today = yanglao_core::Date::new(2026, 12, 1).unwrap();
        let read = |t: &str| parse_age_input_in(Lang::Zh, t, today);
        assert_eq!(read("82"), Ok(AgeInput::Years(82)));
        assert_eq!(read("1944"), Ok(AgeInput::BornYear(1944)));
        assert_eq!(read("1944年"), Ok(AgeInput::BornYear(1944)));
        for t in [
            "1944年3月",
            "1944.3",
            "1944-03",
            "1944/3",
            "１９４４年３月",
            "1944年03月",
        ] {
            assert_eq!(read(t), Ok(AgeInput::BornYearMonth(1944, 3)), "{t}");
        }
        let born = yanglao_core::Date::new(1944, 3, 5).unwrap();
        for t in [
            "1944年3月5日",
            "1944.3.5",
            "1944-03-05",
            "19440305",
            "1944年3月5号",
        ] {
            assert_eq!(read(t), Ok(AgeInput::Born(born)), "{t}");
        }
        // Born in March, and it is December: 82, no question. Born in
        // December: ask whether the birthday has passed. A year alone: ask.
        assert_eq!(
            AgeInput::BornYearMonth(1944, 3).settle(today),
            AgeAnswer::Years(82)
        );
        assert_eq!(
            AgeInput::BornYearMonth(1944, 12).settle(today),
            AgeAnswer::AskBirthday(1944)
        );
        assert_eq!(
            AgeInput::BornYearMonth(1945, 12).settle(yanglao_core::Date::new(2026, 11, 1).unwrap()),
            AgeAnswer::Years(80)
        );
        assert_eq!(
            AgeInput::BornYear(1944).settle(today),
            AgeAnswer::AskBirthday(1944)
        );
        // A date is never called "not a number"; a wrong one says how to write it.
        for t in ["1944年3月", "1944年13月", "1944-02-30", "2030年1月", "1850"] {
            if let Err(m) = read(t) {
                assert!(!m.contains("不是数字"), "{t}: {m}");
                assert!(m.contains("1944") || m.contains("年份"), "{t}: {m}");
            }
        }
        assert!(read("1944年13月").is_err());
        assert!(read("2030年1月").is_err());
        assert!(read("1850").unwrap_err().contains("出生年份"));
        assert!(read("七十二").unwrap_err().contains("看不懂"));
    }

    #[test]
    fn birth_dates_are_read_kindly() {
        let today = yanglao_core::Date::new(2026, 11, 22).unwrap();
        assert_eq!(
            parse_birth_date("1954", "3", "15", today),
            Ok(yanglao_core::Date::new(1954, 3, 15).unwrap())
        );
        assert!(parse_birth_date("１９５４年", "３月", "15日", today).is_ok());
        for (y, m, d) in [
            ("", "3", "1"),
            ("54", "3", "1"),
            ("1954", "13", "1"),
            ("1954", "2", "30"),
            ("2027", "1", "1"),
            ("1954", "x", "1"),
        ] {
            assert!(parse_birth_date(y, m, d, today).is_err(), "{y}-{m}-{d}");
        }
    }

    #[test]
    fn every_fact_has_english_words() {
        for fact in Fact::ALL {
            for who in [Who::Myself, Who::Family] {
                let q = question_in(Lang::En, fact, who, "玉泉区");
                assert!(
                    q.is_ascii() || q.contains('低') || q.contains('优') || q.contains('特'),
                    "{q}"
                );
            }
            assert!(!help_in(Lang::En, fact).is_empty());
            assert!(!how_to_find_out_in(Lang::En, fact).is_empty());
            assert!(!short_name_in(Lang::En, fact).is_empty());
            for o in options_in(Lang::En, fact) {
                assert!(!o.label.is_empty(), "{fact:?} {} has no English", o.key);
            }
        }
        assert!(parse_age_in(Lang::En, "abc")
            .unwrap_err()
            .contains("cannot be read"));
        assert!(parse_age_in(Lang::En, "200").unwrap_err().contains("130"));
        assert!(parse_age_in(Lang::En, "0")
            .unwrap_err()
            .contains("cannot be 0"));
        assert_eq!(parse_age_in(Lang::En, "72"), Ok(72));
        // Both languages judge the same way (English once classified on its own
        // and called "72岁岁" too old while Chinese said it is not a number).
        assert!(parse_age_in(Lang::Zh, "72岁岁")
            .unwrap_err()
            .contains("看不懂"));
        assert!(parse_age_in(Lang::En, "72岁岁")
            .unwrap_err()
            .contains("cannot be read"));
        assert!(parse_age_in(Lang::En, "７２ 岁").is_ok());
    }

    #[test]
    fn every_fact_has_words() {
        for fact in Fact::ALL {
            assert!(!question(fact, Who::Family, "玉泉区").is_empty());
            assert!(question(fact, Who::Family, "玉泉区").starts_with("老人"));
            assert!(question(fact, Who::Myself, "玉泉区").starts_with("您"));
            assert!(!help(fact).is_empty());
            assert!(!how_to_find_out(fact).is_empty());
            let (lo, hi) = fact.bounds();
            for o in options(fact) {
                let v = o.value.unwrap();
                assert!(v >= lo && v <= hi, "{fact:?} {v}");
            }
        }
    }
}
