"""Word lists the impersonation detector reasons with (raw forms; callers fold them like names).

- DECORATIONS: words impersonators add around a real name ("official", "官方", "News", "HQ", ...). A name
  plus only decorations is still that name; a name plus any other word is something else (a bookstore
  named after a news agency is not the agency).
- ANCHOR_CONTEXT: words saying "this person reads the news" (anchor / 主播 / 主持人 ...).
- AUTHORITY_HEADS / AUTHORITY_QUALIFIERS: an invented authority needs an institutional head noun
  (Command, 司令部, 特战队 ...) *and* a state or military qualifier (Chinese, Strategic, 中国, 反恐 ...).
- CIVILIAN_MARKERS: words that make an authority-sounding name a business, club, fan page or product.
"""

from __future__ import annotations

DECORATIONS_EN: tuple[str, ...] = (
    "official", "offical", "officials", "officiai", "real", "the", "true", "genuine", "verified",
    "news", "newsroom", "breaking", "latest", "daily news", "news daily", "updates", "update", "alerts", "alert",
    "press office", "help desk", "helpdesk", "help center", "help", "support", "customer support", "support team", "hub",
    "info", "information", "channel", "tv", "live", "media", "press", "online", "app", "web", "site",
    "page", "account", "acct", "team", "hq", "headquarters", "center", "centre", "central", "desk",
    "china", "chinese", "prc", "cn", "zh", "us", "usa", "u.s.", "united states", "america", "american",
    "gov", "govt", "government", "org", "com", "net", "global", "international", "intl", "world",
    "24", "24/7", "247", "24h", "now", "today", "of", "and", "for", "by", "in", "on", "at", "a", "an", "tm",
    "www", "twitter", "weibo", "douyin", "tiktok", "facebook", "youtube", "instagram", "wechat", "bilibili",
    # the same words in other languages an account may be written in ("Policía Nacional Oficial", "공식")
    "oficial", "oficiales", "officiel", "officielle", "offiziell", "offizieller", "offizielle", "offizielles",
    "ufficiale", "officieel", "officiele", "resmi", "chinh thuc", "официальный", "официальная", "офиц",
    "noticias", "noticia", "nachrichten", "actualites", "informations", "notizie", "nieuws", "haber", "berita",
    "tin tuc", "новости", "cuenta", "compte", "konto", "conta", "kanal", "canal", "pagina", "seite",
    "公式", "ニュース", "公式アカウント", "공식", "공식계정", "공식채널", "뉴스",
)

DECORATIONS_ZH: tuple[str, ...] = (
    "官方", "官博", "官微", "官网", "官号", "官方号", "官方账号", "官方帐号", "账号", "帐号", "认证",
    "正版", "真", "唯一", "官方认证", "新闻", "新闻网", "新闻台", "频道", "中心", "发布", "发布厅",
    "资讯", "快讯", "热点", "要闻", "头条", "在线", "直播", "视频", "网", "号", "台", "微博", "客户端",
    "平台", "服务号", "订阅号", "之声", "融媒", "融媒体", "中国", "中华", "中华人民共和国", "全国",
    "国家", "总部", "的", "与", "和", "24小时", "站", "资讯站", "新闻站", "评论",
    # imitations of the platforms' verification badges (蓝V: organisations; 黄V, 金V, 红V: individuals)
    "蓝v", "黄v", "金v", "红v", "v认证", "蓝v认证", "抖音", "微信", "公众号", "b站", "头条号", "快手",
    # the person themself (康辉本人), and AI-made news accounts naming the outlet they imitate (新疆日报AI主播)
    "本人", "本人认证", "唯一账号", "ai主播", "ai新闻", "ai播报", "ai合成主播", "数字主播", "数字人", "虚拟主播",
    "小编", "新媒体", "新媒体中心", "融媒体中心",
)

# The common decorations as handles spell them in pinyin ("rmrb_gf": 人民日报官方).
DECORATIONS_PINYIN: tuple[str, ...] = (
    "gf", "guanfang", "guanwang", "gw", "guanwei", "guanbo", "xinwen", "zixun", "pindao", "fabu", "zhibo",
    "toutiao", "kuaixun",
    # their initials (jsga_zx: 江苏公安资讯)
    "zx", "xw", "fb", "kx", "yw",
    # the state words written before a name (zhongguojikongzhongxin: 中国疾控中心)
    "zhongguo", "zhonghua", "guojia", "quanguo",
)

DECORATIONS: tuple[str, ...] = DECORATIONS_EN + DECORATIONS_ZH + DECORATIONS_PINYIN

ANCHOR_ROLES: tuple[str, ...] = (
    "anchor", "anchorwoman", "anchorman", "newsreader", "news reader", "presenter", "newscaster",
    "correspondent", "broadcaster", "news host", "主播", "主持人", "播音员", "新闻主播", "新闻播报", "zhubo",
    "zhuchiren", "bobao",
    # AI-made anchors and the role in other languages
    "ai anchor", "ai news anchor", "ai presenter", "digital anchor", "virtual anchor", "virtual presenter",
    "digital presenter", "virtual news presenter", "ai主播", "数字主播", "数字人",
    "虚拟主播", "ai合成主播", "presentador", "presentadora", "presentateur", "presentatrice", "presentatore",
    "conduttore", "conduttrice", "nachrichtensprecher", "nachrichtensprecherin", "chefsprecher", "chefsprecherin",
    "apresentador", "apresentadora", "pivo do telejornal", "haber sunucusu", "sunucu", "penyiar", "pembawa berita",
    "dan chuong trinh", "ведущий", "ведущая", "диктор", "キャスター", "アナウンサー", "앵커", "아나운서",
)
ANCHOR_OUTLETS: tuple[str, ...] = (
    "cctv", "cgtn", "央视", "新闻联播", "yangshi", "xinwenlianbo",
    # news programmes named beside an anchor ("Lester Holt NBC Nightly News", "朝闻天下康辉")
    "nightly news", "world news tonight", "evening news", "newsnight", "news at ten", "news at six",
    "good morning america", "today show", "60 minutes", "meet the press", "face the nation", "朝闻天下",
    "新闻30分", "焦点访谈", "东方时空", "新闻直播间", "晚间新闻", "新闻周刊", "共同关注", "国际时讯", "总台", "央视频",
    "pbs", "newshour", "situation room", "hardtalk", "ac360", "dateline", "telemundo", "univision", "noticias telemundo",
)
ANCHOR_CONTEXT: tuple[str, ...] = ANCHOR_ROLES + ANCHOR_OUTLETS
# Weak context: counts only right beside the person's name in the same field ("Kang Hui News").
ANCHOR_WEAK: tuple[str, ...] = ("news", "新闻", "host", "主持", "记者", "reporter", "journalist", "tv")

AUTHORITY_HEADS_EN: tuple[str, ...] = (
    "command", "commands", "headquarters", "hq", "army", "navy", "air force", "force", "forces", "corps",
    "brigade", "battalion", "regiment", "division", "squadron", "fleet", "militia", "guard", "guards",
    "ministry", "department", "bureau", "agency", "commission", "directorate", "administration",
    "authority", "council", "office", "service", "police", "gendarmerie", "task force", "unit", "special forces",
    "intelligence", "security service", "general staff", "war zone", "theater command", "theatre command",
    "military region", "garrison", "procuratorate", "court", "tribunal",
    # research and health bodies: with a jurisdiction and every other word explained ("US Institute of Viral
    # Research", "Chinese Academy of Virology"); a business name has words the grammar cannot explain
    "institute", "academy", "board",
)

AUTHORITY_QUALIFIERS_EN: tuple[str, ...] = (
    "china", "chinese", "prc", "people's", "peoples", "national", "state", "federal", "central", "republic",
    "red", "liberation", "strategic", "missile", "rocket", "nuclear", "special", "counter-terrorism",
    "counterterrorism", "anti-terrorism", "antiterrorism", "military", "defense", "defence", "armed",
    "supreme", "imperial", "royal", "united states", "u.s.", "us", "american", "homeland", "cyber",
    "intelligence", "security", "internal", "public security", "government", "governmental", "joint",
    "pla", "pap", "un", "united nations", "border", "cyber", "anti-fraud", "anti-corruption", "counterintelligence",
    "allied", "nato", "naval", "global", "international", "world", "interagency", "white house",
    "continental", "asian", "european", "african", "eurasian", "pan", "interstate",
)

AUTHORITY_HEADS_ZH: tuple[str, ...] = (
    "司令部", "指挥部", "指挥中心", "总部", "军区", "战区", "部队", "特战队", "特种部队", "突击队", "舰队",
    "军团", "兵团", "纵队", "支队", "大队", "旅", "师部", "集团军", "武警", "警卫队", "卫队", "民兵",
    "委员会", "总局", "管理局", "办公厅", "办公室", "部", "局", "署", "厅", "司", "院", "军", "红军",
    "特警", "安全局", "情报局", "监察委", "纪委", "政府", "法院", "检察院", "处", "行动处", "调查局", "中队",
    "小组", "专案组", "督察组", "稽查队", "护卫队", "特勤队", "营", "总队", "调查组", "工作组", "行动组", "行动队",
    "办事处", "代表处", "联络处", "指挥所", "特勤局", "保卫局", "总署", "监察局", "稽查局", "督导组", "巡视组",
    "某基地", "陆战队",  # not 基地 alone: 真人CS基地, 培训基地 are businesses
    # public institutions (disease control, research): generic words, so they need a specific qualifier close
    # before them (国家疫情防控中心, 中国病毒研究院), as one-character heads do
    "中心", "研究院", "研究所", "总院", "特派办", "特派团",
)

# Qualifiers that are grand rather than specific: with one head and nothing else ("Imperial Command", "Royal
# Guard") they name a guild, a team or a game as often as a body.
AUTHORITY_WEAK_QUALIFIERS_EN: tuple[str, ...] = (
    "imperial", "royal", "supreme", "red", "special", "central", "joint", "internal", "state", "republic",
)
# Heads that are a state body by their name alone ("Ministry of Information Integrity").
AUTHORITY_SELF_HEADS_EN: tuple[str, ...] = ("ministry",)

AUTHORITY_QUALIFIERS_ZH: tuple[str, ...] = (
    "中国", "中华", "中华人民共和国", "国家", "中央", "人民", "红军", "解放军", "战略", "导弹", "火箭",
    "核", "反恐", "特种", "特战", "军事", "国防", "武装", "最高", "联合", "国安", "公安", "安全", "军委",
    "全国", "联邦", "皇家", "网络安全", "战备", "作战", "总",
    # function words of a state body (jurisdiction + function + unit): 国家反诈总局, 中国空天防御军
    "防御", "防卫", "监察", "稽查", "督察", "督导", "巡视", "情报", "网络", "网警", "反诈", "反腐", "缉毒", "禁毒",
    "边防", "边境", "海防", "空天", "太空", "电子战", "特别", "特勤", "应急", "维和", "联合国", "保卫", "执法",
    "反间谍", "集团军", "战区", "监管", "舰队", "军区", "特警", "武警", "海警", "空降", "陆战", "突击",
    # the services and the way counterfeit military accounts name a unit: 空军某旅, 火箭军某基地, 战区政治工作部
    "空军", "海军", "陆军", "火箭军", "某", "政治工作", "后勤保障", "联勤保障",
    # public-health and research functions; not 卫生, 疾控, 疾病 or 疫苗: real local bodies (社区卫生服务中心,
    # 市疾病预防控制中心, 疫苗接种中心) carry them and a registry may not list them
    "疫情", "传染病", "病毒", "生物安全", "辟谣", "食品安全",  # not 防控: inside 预防控制 of every local CDC
    "舆情", "舆论", "卫星", "航天", "灾害", "预警", "溯源", "北约", "亚太", "国务院",
    "快速反应", "信息战", "生物防御", "华夏",
    # the money an impostor body hands out (国家扶贫资金发放中心, 中央补贴办公室)
    "扶贫", "补贴", "资金",
    # what an impostor body of the internet polices (国家信息真实性审查署, 中华人民共和国数字治理部, 中国军队网络纪律
    # 检查部); not 信用 (信用卡中心 is a bank's), 互联网 (杭州互联网法院 is a court) or 治理 alone (城市治理研究院)
    "真实性审查", "内容审查", "信息审查", "数字治理", "纪律检查", "纪检",
)

CIVILIAN_MARKERS: tuple[str, ...] = (
    "fan", "fans", "fanclub", "fan club", "fanpage", "club", "band", "music", "records", "dj", "bar", "pub",
    "cafe", "coffee", "restaurant", "kitchen", "food", "shop", "store", "bookstore", "books", "boutique",
    "clothing", "apparel", "fashion", "jeans", "blue", "wear", "brand", "studio", "game", "games", "gaming",
    "esports", "mod", "rp", "roleplay", "cosplay", "toy", "toys", "model", "models", "airsoft", "paintball",
    "surplus", "museum", "tour", "tours", "travel", "hotel", "bakery", "pizza", "salon", "gym", "fitness",
    "school", "tutoring", "meme", "memes", "parody", "fanart", "fiction", "novel", "movie",
    "film", "series", "podcast", "collector", "collectibles", "veterans", "veteran", "history", "historical",
    "reenactment", "lover", "lovers", "enthusiast", "enthusiasts", "hobby", "sound", "salvation", "comedy",
    "llc", "inc", "ltd", "corp", "company", "shop", "bistro", "grill", "tavern", "brewery", "records",
    "粉丝", "后援会", "粉丝团", "粉丝会", "应援", "书店", "书屋", "书局", "服装", "服饰", "餐厅", "饭店",
    "酒吧", "咖啡", "奶茶", "游戏", "手游", "电竞", "玩具", "模型", "工作室", "乐队", "乐团", "俱乐部",
    "小说", "电影", "影视", "动漫", "同人", "历史", "爱好者", "迷", "收藏", "店", "铺", "超市", "商城", "营销",
    "公司", "有限公司", "培训", "学校", "旅游", "酒店", "美食", "烧烤", "火锅", "军迷", "军品", "户外",
    "miniature", "miniatures", "warhammer", "tabletop", "boardgame", "cosplayers", "merch", "merchandise",
    "主题", "拓展", "训练营", "夏令营", "剧迷", "影迷", "玩家", "桌游", "密室", "剧本杀", "直播间",
    # trades and services
    "美容", "美发", "美甲", "健身", "瑜伽", "婚庆", "摄影", "家政", "装修", "汽修", "驾校", "宠物", "开锁",
    "locksmith", "locksmiths", "plumbing", "plumber", "roofing", "cleaning", "repair", "repairs", "beauty", "spa",
    "realty", "insurance", "pest", "moving", "storage", "tattoo", "barber", "bakery", "training", "trainings",
    "credit union",
)

# The portfolios of real civil bodies: a ministry, department or agency named only by one of these and a place
# ("Ministry of Foreign Affairs of Thailand", "Hawaii State Department of Health", "Federal Housing Finance Agency")
# is a real body a registry does not list, not an invented one.
STANDARD_PORTFOLIOS_EN: tuple[str, ...] = (
    "foreign", "affairs", "health", "finance", "financial", "justice", "education", "interior", "home", "agriculture",
    "transport", "transportation", "labor", "labour", "employment", "environment", "environmental", "commerce",
    "trade", "industry", "energy", "housing", "revenue", "treasury", "economy", "economic", "development", "culture",
    "tourism", "social", "welfare", "human", "services", "public", "works", "planning", "veterans", "science",
    "technology", "communications", "information", "natural", "resources", "water", "land", "fisheries",
    "forestry", "mines", "mining", "statistics", "census", "budget", "management", "insurance", "banking",
    "securities", "exchange", "urban", "rural", "family", "children", "youth", "sports", "women", "immigration",
    "customs", "taxation", "tax", "wildlife", "parks", "conservation", "motor", "vehicles", "corrections",
    "consumer", "protection", "food", "drug", "medicines", "aviation", "maritime", "ports", "highways", "roads",
)
US_STATES: tuple[str, ...] = (
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma",
    "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah",
    "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming", "district of columbia",
)

# English words an invented authority's name is made of besides qualifiers and heads (function, domain,
# region). A name with more unexplained words than authority terms reads as something else ("Imperial Army
# Miniatures"), so the grammar scores the whole name, not one shared token.
AUTHORITY_WORDS_EN: tuple[str, ...] = (
    "cyber", "warfare", "operations", "operation", "operational", "special", "tactical", "rapid", "response",
    "enforcement", "inspection", "supervision", "surveillance", "border", "customs", "anti", "fraud", "corruption",
    "narcotics", "drug", "terror", "terrorism", "counter", "drone", "space", "nuclear", "information", "internet",
    "online", "digital", "data", "emergency", "rescue", "public", "order", "health", "epidemic", "election",
    "financial", "finance", "propaganda", "electronic", "marine", "naval", "air", "coast", "theater", "theatre",
    "eastern", "western", "northern", "southern", "central", "region", "regional", "support", "united", "nations",
    "un", "investigation", "investigative", "control", "defense", "defence", "protection", "inspectorate",
    "affairs", "liaison", "representative", "china", "beijing", "tactical", "elite", "combat", "reserve",
    "mobilization", "patrol", "strike", "task", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
    "eighth", "ninth", "tenth", "army", "navy", "police", "internal", "external", "foreign", "domestic", "chief",
    "general", "supreme", "high", "command", "commander", "office", "people", "peoples", "national", "state",
    "opinion", "stability", "social", "sea", "ocean", "maritime", "deep", "rumor", "rumour", "disinformation",
    "misinformation", "censorship", "pandemic", "virology", "vaccine", "vaccines", "biosecurity", "infectious",
    "pathogen", "pathogens", "outbreak",
    "scam", "scams", "prevention", "integrity", "viral", "virus", "viruses", "research", "arctic", "pacific",
    "atlantic", "hemisphere", "satellite", "aerospace", "disaster", "warning", "tracing", "biosafety",
    "epidemiology", "immunization", "immunisation", "quarantine", "regulation", "regulatory", "preparedness",
    "reaction", "biological", "chemical", "radiological",
    # the money an impostor "authority" promises or claws back ("US Stimulus Payment Enforcement Bureau",
    # "Federal Crypto Asset Recovery Office")
    "stimulus", "payment", "payments", "pension", "pensions", "refund", "refunds", "recovery", "relief",
    "compensation", "crypto", "cryptocurrency", "asset", "assets", "subsidy", "subsidies", "benefit", "benefits",
    "grant", "grants", "distribution", "loan", "loans", "credit", "debt", "tax", "taxes",
    # what an impostor "authority" of the internet polices ("Federal Bureau of Content Review", "National Bureau of
    # Account Verification", "Ministry of Digital Truth")
    "identity", "verification", "verify", "account", "accounts", "content", "review", "moderation", "morality",
    "truth", "licensing", "license", "licence", "influencer", "influencers", "crimes", "crime", "media",
    "platform", "platforms", "speech", "compliance", "censor",
)

# Short words that are not acronyms of a body when someone writes them in capitals as a name: everyday English
# words, first names, and abbreviations of other things (titles, degrees, leagues, games, chat slang). A
# generated acronym equal to one of these is never matched ("CAT", "TOM", "CEO", "GTA").
_ACRONYM_STOPLIST_TEXT = """
ace act add age aid aim air all and ant any ape app arc are ark arm art ash ask ate awe axe bad bag ban bar bat
bay bed bee bet bib bid big bin bit boa bob bog boo bow box boy bro bud bug bun bus but buy bye cab can cap car
cat cow cry cub cup cut dab dad dam day den dew did die dig dim din dip doc doe dog don dot dry dub due dug dye
ear eat egg ego elf elk elm emu end era eve ewe eye fab fad fan far fat fax fed fee few fig fin fir fit fix flu
fly foe fog for fox fry fun fur gag gal gap gas gel gem get gig gin god got gum gun gut guy gym had ham has hat
hay hen her hey hid him hip his hit hog hop hot how hub hue hug hum hut ice icy ill ink inn ion its ivy jab jam
jar jaw jay jet job jog joy jug keg key kid kin kit lab lad lag lap law lay led leg let lid lie lip lit log lot
low mad man map mat may men met mix mob mom mop mud mug nag nap net new nil nod nor not now nun nut oak oar oat
odd off oil old one orb ore our out owl own pad pal pan pat paw pay pea pen pep pet pie pig pin pit pod pop pot
pro pub pun pup put rag ram ran rap rat raw red rib rid rig rim rip rob rod rot row rub rug run rye sad sap sat
saw say sea see set sew she shy sin sip sir sis sit six ski sky sly sob sod son soy spa spy sub sum sun tab tag
tan tap tar tax tea ten the tie tin tip toe ton too top toy try tub tug two urn use van vat vet via vow wag war
was wax way web wed wet who why wig win wit woe wok won wow yak yam yes yet you zap zen zip zoo
love life hope cool king star best good nice free easy baby moon fish jazz rock golf yoga chef tech game play
blog shop deal mama papa home team girl boys news info live word city town land life art
abe amy ann ava ben bob dan eli eva gus ian ida jen jim joe jon kai kat kay ken kim lea lee leo liz lou max meg
mia ned pam ray rex ron roy sam sue ted tim tom una val viv zoe zac
ceo cfo cto coo vip mba phd cpa esq llc inc ltd diy faq fyi btw lol omg wtf idk asap rsvp aka tbt ootd gta nba
nfl mlb nhl ufc wwe psg bmw kpop jpop asmr vlog tlc usa nyc lax sfo jfk lbj rip sos xbox mvp gg afk irl bff
bts exo nct abba acdc ikea hsbc kfc ibm fifa uefa
"""
ACRONYM_STOPLIST: tuple[str, ...] = tuple(_ACRONYM_STOPLIST_TEXT.split())
BODY_ACRONYMS: frozenset[str] = frozenset({"who", "ice", "doe", "dot"})
"""Stoplist words that are also the acronym everyone knows a body by (World Health Organization, Immigration and
Customs Enforcement, Departments of Energy and Transportation): kept for the bodies that generate them."""
