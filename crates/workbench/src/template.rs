//! The file "新建" starts from: every part a region file needs, with what to
//! write in each, in plain words (rules/README.md says the same at length).

pub const NEW_FILE_NAME: &str = "新的清单.toml";

pub const NEW_FILE: &str = r#"#:schema ./schema/rules.schema.json
# 新的地区清单。以 # 开头的行是说明，不影响规则，可以删掉。
# 写完一处，右边“检查结果”会马上说哪里不对、应该怎么写。

# 第一步：地区。代码是6位行政区划代码，下载时文件会按代码命名（例如 410727.toml）。
[region]
code = ""
name = ""
short_name = ""

# 第二步：依据的文件。日期写成 "2026-01-01" 这样。
[[documents]]
id = "doc-1"
title = ""
number = ""
issuer = ""
date = "2026-01-01"
effective_from = "2026-01-01"

# 第三步：每项服务写一段 [[services]]；有几项就复制几段，id 各不相同。
# when 是谁可以申请，例如 age >= 80 and lives_in_region；共用用语（失能、经济困难老年人、
# 高龄、特困……）可以直接写。
[[services]]
id = "service-1"
kind = "high_age_allowance"
name = ""
summary = ""
document = "doc-1"
clause = ""
quote = ""
when = '''
age >= 80
'''

[services.amount]
note = ""

[services.apply]
where = ""
steps = []
documents = ["身份证", "户口簿"]
reviewer = ""
office = ""

# 第四步：每项服务至少3个例子。在下面“预览”里按一位老人的情况回答问题，
# 看到结果后点“这个结果对，存为例子”，例子就写到这里。
"#;
