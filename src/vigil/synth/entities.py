"""Protected-entity pool: hand-written national bodies plus generated regional ones.

Each entry is (entity_id, kind, names). The first name is the full official name; the rest are aliases
in any language. Regional bodies (provincial CDCs, city police, provincial papers) follow the real naming
patterns of their Weibo/WeChat accounts ("平安北京", "浙江疾控") so the registry can grow with `--size`.
"""

from __future__ import annotations

EntitySpec = tuple[str, str, list[str]]

CORE: list[EntitySpec] = [
    # --- government ---
    ("cn-state-council", "government", ["中华人民共和国国务院", "国务院", "State Council of the People's Republic of China", "State Council"]),
    ("cn-mfa", "government", ["中华人民共和国外交部", "外交部", "Ministry of Foreign Affairs of China", "MFA China"]),
    ("cn-mps", "government", ["中华人民共和国公安部", "公安部", "Ministry of Public Security"]),
    ("cn-nhc", "government", ["国家卫生健康委员会", "国家卫健委", "卫健委", "National Health Commission"]),
    ("cn-moe", "government", ["中华人民共和国教育部", "教育部", "Ministry of Education of China"]),
    ("cn-mem", "government", ["中华人民共和国应急管理部", "应急管理部", "Ministry of Emergency Management"]),
    ("cn-cac", "government", ["国家互联网信息办公室", "国家网信办", "网信中国", "Cyberspace Administration of China"]),
    ("cn-samr", "government", ["国家市场监督管理总局", "市场监管总局", "State Administration for Market Regulation"]),
    ("cn-spc", "government", ["中华人民共和国最高人民法院", "最高人民法院", "最高法", "Supreme People's Court"]),
    ("cn-spp", "government", ["中华人民共和国最高人民检察院", "最高人民检察院", "最高检", "Supreme People's Procuratorate"]),
    ("cn-sat", "government", ["国家税务总局", "State Taxation Administration"]),
    ("cn-mee", "government", ["中华人民共和国生态环境部", "生态环境部", "Ministry of Ecology and Environment"]),
    ("cn-nhsa", "government", ["国家医疗保障局", "国家医保局", "National Healthcare Security Administration"]),
    ("cn-csrc", "government", ["中国证券监督管理委员会", "证监会", "China Securities Regulatory Commission", "CSRC"]),
    ("cn-pboc", "government", ["中国人民银行", "央行", "People's Bank of China", "PBOC"]),
    ("cn-mot", "government", ["中华人民共和国交通运输部", "交通运输部", "Ministry of Transport of China"]),
    # --- military ---
    ("cn-mnd", "military", ["中华人民共和国国防部", "国防部", "Ministry of National Defense of China", "China Military Online"]),
    ("cn-pla", "military", ["中国人民解放军", "解放军", "People's Liberation Army", "PLA"]),
    ("cn-cmc", "military", ["中华人民共和国中央军事委员会", "中央军委", "Central Military Commission"]),
    ("cn-plarf", "military", ["中国人民解放军火箭军", "火箭军", "PLA Rocket Force"]),
    ("cn-plan", "military", ["中国人民解放军海军", "人民海军", "PLA Navy", "People's Liberation Army Navy"]),
    ("cn-plaaf", "military", ["中国人民解放军空军", "空军发布", "PLA Air Force"]),
    ("cn-plaa", "military", ["中国人民解放军陆军", "PLA Ground Force"]),
    ("cn-pap", "military", ["中国人民武装警察部队", "武警部队", "People's Armed Police"]),
    ("cn-etc", "military", ["中国人民解放军东部战区", "东部战区", "Eastern Theater Command"]),
    ("cn-stc", "military", ["中国人民解放军南部战区", "南部战区", "Southern Theater Command"]),
    # --- public institutions ---
    ("cn-cdc", "public_institution", ["中国疾病预防控制中心", "中国疾控中心", "Chinese Center for Disease Control and Prevention", "China CDC"]),
    ("cn-cas", "public_institution", ["中国科学院", "中科院", "Chinese Academy of Sciences", "CAS"]),
    ("cn-cae", "public_institution", ["中国工程院", "Chinese Academy of Engineering"]),
    ("cn-cass", "public_institution", ["中国社会科学院", "社科院", "Chinese Academy of Social Sciences", "CASS"]),
    ("cn-cams", "public_institution", ["中国医学科学院", "Chinese Academy of Medical Sciences"]),
    ("cn-cma", "public_institution", ["中国气象局", "中央气象台", "China Meteorological Administration"]),
    ("cn-cenc", "public_institution", ["中国地震台网中心", "中国地震台网", "China Earthquake Networks Center", "CENC"]),
    ("cn-pumch", "public_institution", ["北京协和医院", "中国医学科学院北京协和医院", "Peking Union Medical College Hospital"]),
    ("cn-redcross", "public_institution", ["中国红十字会", "Red Cross Society of China"]),
    ("cn-cca", "public_institution", ["中国消费者协会", "中消协", "China Consumers Association"]),
    ("cn-nlc", "public_institution", ["中国国家图书馆", "国家图书馆", "National Library of China"]),
    ("cn-pku", "public_institution", ["北京大学", "Peking University"]),
    ("cn-caict", "public_institution", ["中国信息通信研究院", "中国信通院", "China Academy of Information and Communications Technology", "CAICT"]),
    ("us-cdc", "public_institution", ["Centers for Disease Control and Prevention", "US CDC", "美国疾病控制与预防中心"]),
    ("int-who", "public_institution", ["World Health Organization", "WHO", "世界卫生组织", "世卫组织"]),
    # --- news media ---
    ("cn-rmrb", "news_media", ["人民日报", "People's Daily", "人民网", "People's Daily Online"]),
    ("cn-xinhua", "news_media", ["新华通讯社", "新华社", "Xinhua News Agency", "Xinhua"]),
    ("cn-cmg", "news_media", ["中央广播电视总台", "中国中央电视台", "央视", "CCTV", "China Central Television"]),
    ("cn-cctvnews", "news_media", ["央视新闻", "CCTV News", "新闻联播"]),
    ("cn-chinadaily", "news_media", ["中国日报", "China Daily"]),
    ("cn-gt", "news_media", ["环球时报", "Global Times"]),
    ("cn-gmrb", "news_media", ["光明日报", "Guangming Daily"]),
    ("cn-jjrb", "news_media", ["经济日报", "Economic Daily"]),
    ("cn-cns", "news_media", ["中国新闻社", "中新社", "中国新闻网", "China News Service"]),
    ("cn-cgtn", "news_media", ["中国国际电视台", "CGTN", "China Global Television Network"]),
    ("cn-thepaper", "news_media", ["澎湃新闻", "The Paper"]),
    ("cn-bjnews", "news_media", ["新京报", "The Beijing News"]),
    ("cn-caixin", "news_media", ["财新网", "财新", "Caixin"]),
    ("cn-cankao", "news_media", ["参考消息", "Reference News"]),
    ("cn-pladaily", "news_media", ["解放军报", "PLA Daily"]),
    ("cn-cyd", "news_media", ["中国青年报", "China Youth Daily"]),
    ("cn-cnr", "news_media", ["中央人民广播电台", "央广网", "China National Radio"]),
    ("cn-infzm", "news_media", ["南方周末", "Southern Weekly"]),
    ("uk-bbc", "news_media", ["BBC News", "British Broadcasting Corporation", "英国广播公司"]),
    ("int-reuters", "news_media", ["Reuters", "路透社"]),
    ("us-ap", "news_media", ["Associated Press", "AP News", "美联社"]),
    # --- news anchors (name + outlet) ---
    ("anchor-kanghui", "news_anchor", ["康辉", "Kang Hui"]),
    ("anchor-haixia", "news_anchor", ["海霞", "Hai Xia"]),
    ("anchor-lizimeng", "news_anchor", ["李梓萌", "Li Zimeng"]),
    ("anchor-ouyangxiadan", "news_anchor", ["欧阳夏丹", "Ouyang Xiadan"]),
    ("anchor-guozhijian", "news_anchor", ["郭志坚", "Guo Zhijian"]),
    ("anchor-baoxiaofeng", "news_anchor", ["宝晓峰", "Bao Xiaofeng"]),
    ("anchor-pantao", "news_anchor", ["潘涛", "Pan Tao"]),
    ("anchor-yanyuxin", "news_anchor", ["严于信", "Yan Yuxin"]),
    ("anchor-zhuguangquan", "news_anchor", ["朱广权", "Zhu Guangquan"]),
    ("anchor-baiyansong", "news_anchor", ["白岩松", "Bai Yansong"]),
    ("anchor-dongqian", "news_anchor", ["董倩", "Dong Qian"]),
    ("anchor-liuxin", "news_anchor", ["刘欣", "Liu Xin", "CGTN Liu Xin"]),
    ("anchor-tianwei", "news_anchor", ["田薇", "Tian Wei"]),
    ("anchor-yangrui", "news_anchor", ["杨锐", "Yang Rui"]),
]

# Outlet of each anchor (for "康辉 央视新闻" style impersonations and for the anchors' own bios).
ANCHOR_OUTLET: dict[str, tuple[str, str]] = {
    "anchor-kanghui": ("央视新闻联播", "CCTV"),
    "anchor-haixia": ("央视新闻联播", "CCTV"),
    "anchor-lizimeng": ("央视新闻联播", "CCTV"),
    "anchor-ouyangxiadan": ("央视新闻联播", "CCTV"),
    "anchor-guozhijian": ("央视新闻联播", "CCTV"),
    "anchor-baoxiaofeng": ("央视新闻联播", "CCTV"),
    "anchor-pantao": ("央视新闻联播", "CCTV"),
    "anchor-yanyuxin": ("央视新闻联播", "CCTV"),
    "anchor-zhuguangquan": ("央视新闻", "CCTV"),
    "anchor-baiyansong": ("央视新闻1+1", "CCTV"),
    "anchor-dongqian": ("央视面对面", "CCTV"),
    "anchor-liuxin": ("CGTN", "CGTN"),
    "anchor-tianwei": ("CGTN", "CGTN"),
    "anchor-yangrui": ("CGTN", "CGTN"),
}

# (full name, short name, English name, is-municipality)
PROVINCES: list[tuple[str, str, str, bool]] = [
    ("北京市", "北京", "Beijing", True), ("天津市", "天津", "Tianjin", True), ("上海市", "上海", "Shanghai", True),
    ("重庆市", "重庆", "Chongqing", True), ("河北省", "河北", "Hebei", False), ("山西省", "山西", "Shanxi", False),
    ("辽宁省", "辽宁", "Liaoning", False), ("吉林省", "吉林", "Jilin", False), ("黑龙江省", "黑龙江", "Heilongjiang", False),
    ("江苏省", "江苏", "Jiangsu", False), ("浙江省", "浙江", "Zhejiang", False), ("安徽省", "安徽", "Anhui", False),
    ("福建省", "福建", "Fujian", False), ("江西省", "江西", "Jiangxi", False), ("山东省", "山东", "Shandong", False),
    ("河南省", "河南", "Henan", False), ("湖北省", "湖北", "Hubei", False), ("湖南省", "湖南", "Hunan", False),
    ("广东省", "广东", "Guangdong", False), ("海南省", "海南", "Hainan", False), ("四川省", "四川", "Sichuan", False),
    ("贵州省", "贵州", "Guizhou", False), ("云南省", "云南", "Yunnan", False), ("陕西省", "陕西", "Shaanxi", False),
    ("甘肃省", "甘肃", "Gansu", False), ("青海省", "青海", "Qinghai", False),
    ("内蒙古自治区", "内蒙古", "Inner Mongolia", False), ("广西壮族自治区", "广西", "Guangxi", False),
    ("西藏自治区", "西藏", "Tibet", False), ("宁夏回族自治区", "宁夏", "Ningxia", False),
    ("新疆维吾尔自治区", "新疆", "Xinjiang", False),
]

CITIES: list[tuple[str, str]] = [
    ("广州", "Guangzhou"), ("深圳", "Shenzhen"), ("杭州", "Hangzhou"), ("南京", "Nanjing"), ("武汉", "Wuhan"),
    ("成都", "Chengdu"), ("西安", "Xi'an"), ("苏州", "Suzhou"), ("郑州", "Zhengzhou"), ("长沙", "Changsha"),
    ("青岛", "Qingdao"), ("沈阳", "Shenyang"), ("大连", "Dalian"), ("厦门", "Xiamen"), ("宁波", "Ningbo"),
    ("济南", "Jinan"), ("合肥", "Hefei"), ("福州", "Fuzhou"), ("昆明", "Kunming"), ("哈尔滨", "Harbin"),
    ("长春", "Changchun"), ("石家庄", "Shijiazhuang"), ("太原", "Taiyuan"), ("南昌", "Nanchang"), ("贵阳", "Guiyang"),
    ("南宁", "Nanning"), ("兰州", "Lanzhou"), ("无锡", "Wuxi"), ("佛山", "Foshan"), ("东莞", "Dongguan"),
    ("温州", "Wenzhou"), ("珠海", "Zhuhai"), ("洛阳", "Luoyang"), ("徐州", "Xuzhou"), ("烟台", "Yantai"),
    ("泉州", "Quanzhou"), ("常州", "Changzhou"), ("南通", "Nantong"), ("绍兴", "Shaoxing"), ("扬州", "Yangzhou"),
]


def regional() -> list[EntitySpec]:
    """Provincial and city bodies named the way their real accounts are named."""
    out: list[EntitySpec] = []
    for full, short, en, muni in PROVINCES:
        key = en.lower().replace(" ", "").replace("'", "")
        police = "公安局" if muni else "公安厅"
        out += [
            (f"cn-{key}-gov", "government", [f"{full}人民政府", f"{short}发布", f"{en} Government"]),
            (f"cn-{key}-police", "government", [f"{full}{police}", f"{short}公安", f"{en} Public Security"]),
            (f"cn-{key}-cdc", "public_institution",
             [f"{full}疾病预防控制中心", f"{short}疾控", f"{en} CDC", f"{en} Center for Disease Control"]),
            (f"cn-{key}-hosp", "public_institution", [f"{full}人民医院", f"{en} Provincial People's Hospital"]),
            (f"cn-{key}-daily", "news_media", [f"{short}日报", f"{en} Daily"]),
            (f"cn-{key}-tv", "news_media", [f"{short}广播电视台", f"{short}卫视", f"{en} Radio and Television"]),
            (f"cn-{key}-md", "military", [f"{full}军区" if not muni else f"{short}警备区", f"{en} Military District"]),
        ]
    for zh, en in CITIES:
        key = en.lower().replace(" ", "").replace("'", "")
        out += [
            (f"cn-{key}-city-police", "government", [f"{zh}市公安局", f"平安{zh}", f"{en} Police"]),
            (f"cn-{key}-city-gov", "government", [f"{zh}市人民政府", f"{zh}发布", f"{en} Municipal Government"]),
            (f"cn-{key}-city-cdc", "public_institution", [f"{zh}市疾病预防控制中心", f"{zh}疾控", f"{en} CDC"]),
            (f"cn-{key}-city-met", "public_institution", [f"{zh}市气象台", f"{zh}气象", f"{en} Meteorological Observatory"]),
            (f"cn-{key}-evening", "news_media", [f"{zh}晚报", f"{en} Evening News"]),
        ]
    return out


ALL_ENTITIES: list[EntitySpec] = CORE + regional()
KINDS = ("government", "military", "public_institution", "news_media", "news_anchor")
# One famous entity per kind, always present so that tiny datasets still cover every kind.
ANCHORS_PER_KIND = {"government": "cn-state-council", "military": "cn-mnd", "public_institution": "cn-cdc",
                    "news_media": "cn-rmrb", "news_anchor": "anchor-kanghui"}
