//! The provinces, for the first step of the region picker: known without
//! loading anything (each one's places and lists come with its pack).

/// Provincial-level divisions by the first two digits of their GB/T 2260 code.
pub const PROVINCES: [(&str, &str); 34] = [
    ("11", "北京市"),
    ("12", "天津市"),
    ("13", "河北省"),
    ("14", "山西省"),
    ("15", "内蒙古自治区"),
    ("21", "辽宁省"),
    ("22", "吉林省"),
    ("23", "黑龙江省"),
    ("31", "上海市"),
    ("32", "江苏省"),
    ("33", "浙江省"),
    ("34", "安徽省"),
    ("35", "福建省"),
    ("36", "江西省"),
    ("37", "山东省"),
    ("41", "河南省"),
    ("42", "湖北省"),
    ("43", "湖南省"),
    ("44", "广东省"),
    ("45", "广西壮族自治区"),
    ("46", "海南省"),
    ("50", "重庆市"),
    ("51", "四川省"),
    ("52", "贵州省"),
    ("53", "云南省"),
    ("54", "西藏自治区"),
    ("61", "陕西省"),
    ("62", "甘肃省"),
    ("63", "青海省"),
    ("64", "宁夏回族自治区"),
    ("65", "新疆维吾尔自治区"),
    ("71", "台湾省"),
    ("81", "香港特别行政区"),
    ("82", "澳门特别行政区"),
];

#[cfg(test)]
mod tests {
    #[test]
    fn the_provinces_are_those_of_the_region_index() {
        let index = yanglao_core::regions::RegionIndex::builtin();
        let names: Vec<(String, String)> = index
            .provinces()
            .iter()
            .map(|d| (d.code[..2].to_string(), d.name.to_string()))
            .collect();
        let ours: Vec<(String, String)> = super::PROVINCES
            .iter()
            .map(|(c, n)| (c.to_string(), n.to_string()))
            .collect();
        assert_eq!(ours, names);
    }
}
