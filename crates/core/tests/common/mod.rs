//! What several test files of the engine share.

/// A small valid file; tests break one line of it at a time.
pub const GOOD: &str = r#"[region]
code = "150104"
name = "内蒙古自治区呼和浩特市玉泉区"
short_name = "玉泉区"

[[documents]]
id = "doc"
title = "测试文件"
number = ""
issuer = "玉泉区民政局"
date = "2024-07-25"
effective_from = "2024-07-25"

[[services]]
id = "test-home-care"
kind = "home_care"
name = "上门服务"
summary = "上门服务。"
document = "doc"
clause = "三、(一)"
when = '''
age >= 60 and lives_in_region
and ability >= mild
and ("第4类：70周岁以上独居" (age >= 70 and living == alone) or "第6类：90周岁以上" (age >= 90))
and not ltc_insurance
'''
[services.amount]
note = "按市级清单执行"
[services.apply]
where = "社区"
steps = ["申请"]
documents = ["身份证"]
reviewer = "区民政局"
office = "区民政局"
[[services.cases]]
date = "2026-11-22"
answers = { age = 72, lives_in_region = true, ability = "moderate", living = "alone", ltc_insurance = false }
status = "eligible"
[[services.cases]]
date = "2026-11-22"
answers = { age = 72, lives_in_region = true, ability = "moderate", living = "with_family", ltc_insurance = false }
status = "ineligible"
[[services.cases]]
date = "2026-11-22"
answers = { age = 72, lives_in_region = true, living = "alone", ltc_insurance = false }
status = "maybe"
missing = ["ability"]
"#;
