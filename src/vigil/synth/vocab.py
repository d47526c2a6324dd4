"""Bilingual word and text pools for synthetic accounts and posts (data only)."""

from __future__ import annotations

PLATFORMS_ZH = ("weibo", "douyin", "wechat", "kuaishou", "bilibili", "xiaohongshu")
PLATFORMS_EN = ("x", "youtube", "facebook", "weibo", "douyin")
PLATFORM_WEIGHTS_ZH = (0.34, 0.26, 0.16, 0.10, 0.08, 0.06)
PLATFORM_WEIGHTS_EN = (0.45, 0.2, 0.15, 0.1, 0.1)
PLATFORMS = ("weibo", "douyin", "wechat", "kuaishou", "bilibili", "xiaohongshu", "x", "youtube", "facebook")

SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
            "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
            "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈"]
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
         "秀兰", "霞", "平", "刚", "桂英", "晓东", "子涵", "梓萱", "浩然", "雨桐", "一诺", "欣怡", "宇轩", "思远",
         "佳怡", "俊杰", "晨曦", "嘉怡", "文博", "天佑", "若曦", "诗涵", "志强", "建国", "海燕", "春梅", "小龙", "大鹏"]
NICK_A = ["快乐的", "爱吃", "不想上班的", "努力的", "佛系", "追风的", "躺平的", "熬夜的", "会飞的", "安静的", "迷路的",
          "元气", "可爱的", "认真的", "社恐", "吃不胖的", "爱旅行的", "喝奶茶的", "早睡的", "小小", "温柔的", "一只"]
NICK_B = ["小猫", "土豆", "西瓜", "橙子", "咸鱼", "汤圆", "饺子", "兔子", "考拉", "星星", "月亮", "风筝", "小鹿",
          "柠檬", "芒果", "火锅", "团子", "鲸鱼", "松鼠", "仙人掌", "豆包", "小熊", "奶茶", "面条"]
NICK_C = ["", "", "", "酱", "君", "呀", "同学", "日记", "的日常", "不加糖", "2023", "本尊", "小号", "在此"]
FIRST_EN = ["James", "Mary", "John", "Linda", "Michael", "Sarah", "David", "Emma", "Daniel", "Olivia", "Chris",
            "Sophia", "Kevin", "Grace", "Ryan", "Chloe", "Jason", "Emily", "Eric", "Hannah", "Alex", "Mia", "Tom",
            "Lily", "Ben", "Zoe", "Sam", "Nina", "Leo", "Amy", "Wei", "Jing", "Hao", "Mei", "Lei", "Yan"]
LAST_EN = ["Smith", "Johnson", "Brown", "Lee", "Wang", "Chen", "Garcia", "Miller", "Davis", "Wilson", "Taylor",
           "Anderson", "Thomas", "Moore", "Martin", "Clark", "Lewis", "Walker", "Hall", "Young", "Zhang", "Liu",
           "Nguyen", "Kim", "Patel", "Lopez", "Scott", "Green", "Baker", "Adams"]
HANDLE_EN_WORDS = ["sunny", "coffee", "pixel", "wander", "noodle", "panda", "river", "cloud", "maple", "tiger",
                   "ocean", "ember", "lucky", "mango", "quiet", "cosmic", "retro", "urban", "chill", "happy"]

BIOS_ZH = ["", "", "", "热爱生活，记录日常", "吃货一枚", "喜欢旅行和摄影", "佛系更新", "一个普通的上班族", "宝妈一枚，分享育儿日常",
           "大学生，爱追剧", "跑步爱好者", "猫奴", "程序员，偶尔写点东西", "喜欢读书", "广州人在北京", "退休老教师，爱养花",
           "此号只发美食", "篮球迷", "健身打卡中", "摄影师，约拍私信", "这个人很懒，什么都没写", "看世界", "努力生活"]
BIOS_EN = ["", "", "", "Coffee lover. Dog person.", "Just here for the memes", "Photographer | traveler",
           "Software engineer. Opinions are my own.", "Mom of two", "Runner, reader, cook", "Sports fan",
           "Living in Shanghai", "Student", "Gamer and cat dad", "I post about food", "Retired teacher"]

# Ordinary post pieces: opener + body + tail; bodies also cover health/law/money talk without offering services
# and people citing official media (hard negatives for every detector).
OPENERS_ZH = ["", "", "", "今天", "刚刚", "哈哈，", "唉，", "说真的，", "周末", "终于", "分享一下：", "记录一下，", "打卡：", "啊啊啊"]
BODIES_ZH = [
    "去公园散步，天气真好", "做了一顿红烧肉，家人都说好吃", "加班到十点，累死了", "和朋友去吃火锅，太辣了",
    "看完了一部电影，推荐给大家", "孩子期末考试考得不错", "地铁上人好多", "新买的耳机音质很好", "早起跑了五公里",
    "家里的猫又把杯子打翻了", "下雨了，记得带伞", "终于学会了做蛋糕", "去{city}旅游，风景太美了", "{city}的小吃真的绝了",
    "在{city}出差，酒店还不错", "追的剧大结局了，有点难过", "今天读完了一本书", "{team}今晚赢球了！", "买菜发现{food}又涨价了",
    "去医院体检，医生说要少吃盐多运动", "感冒了，在家躺了一天，多喝水", "听朋友说体检前要空腹，记住了",
    "我妈最近血压有点高，陪她去医院复查", "律师朋友说合同签字前一定要看清条款", "租房合同到期了，房东要涨租",
    "最近基金跌了好多，心疼", "这个月工资又花光了，要开始记账", "存款利率又降了", "孩子在准备中考，家长比孩子还紧张",
    "考研终于上岸了！", "最近压力有点大，出去走走心情好多了", "据@人民日报 报道，{city}明天有暴雨，大家注意安全",
    "新华社消息说今年春运人数创新高", "看了央视新闻的报道，很感动", "{city}疾控提醒：流感高发季注意戴口罩",
    "收藏了国家卫健委发布的健康科普，挺实用的", "关注了{team}的官方号", "楼下新开了一家新华书店，周末去看看",
    "今天路过解放军某部营区，敬礼！", "{topic}这事大家怎么看？", "刚看到{topic}的新闻，希望早日查清",
    "在刷{topic}，评论区好热闹", "今天的晚霞好美", "周末去爬山了，腿好酸", "新年目标：少熬夜", "{food}真好吃",
]
TAILS_ZH = ["", "", "", "。", "！", "~", "😂", "😭", "👍", "❤️", " #日常#", " #生活记录#", " #{city}#", "[哈哈]", "[心]", "……"]
OPENERS_EN = ["", "", "", "Today ", "Just ", "Honestly, ", "lol ", "Ugh, ", "Finally ", "Quick update: ", "PSA: "]
BODIES_EN = [
    "went for a walk in the park, lovely weather", "made pancakes for the kids", "working late again",
    "watched a great movie tonight", "my cat knocked my coffee over", "the subway was packed this morning",
    "ran 5k before work", "visiting {city}, the food is amazing", "{team} won tonight!", "{food} prices went up again",
    "had my annual checkup, doctor says cut down on salt", "got a cold, staying in with tea",
    "my lawyer friend says always read a contract before signing", "our landlord wants to raise the rent",
    "my index fund is down this month, oh well", "trying to save more money this year", "studying for finals",
    "stressed lately, a long walk helped", "read on People's Daily that {city} expects heavy rain",
    "Xinhua says travel numbers hit a record this spring", "interesting report from Reuters about {topic}",
    "what do you all think about {topic}?", "following the {topic} story, hope they get to the bottom of it",
    "beautiful sunset tonight", "new headphones sound great", "hiking this weekend", "{food} is so good",
    "bought a jacket at Navy Blue Clothing, nice quality", "great night at the Ministry of Sound",
]
TAILS_EN = ["", "", "", ".", "!", " :)", " 😂", " 🙌", " #weekend", " #life", " #{city}", "..."]
CITIES_ZH = ["北京", "上海", "广州", "深圳", "成都", "杭州", "重庆", "西安", "武汉", "南京", "长沙", "厦门", "青岛", "大理"]
CITIES_EN = ["Beijing", "Shanghai", "London", "New York", "Chengdu", "Hong Kong", "Tokyo", "Sydney", "Toronto"]
TEAMS_ZH = ["国足", "广东队", "辽宁队", "湖人", "皇马", "中国女排"]
TEAMS_EN = ["the Lakers", "Arsenal", "Real Madrid", "the Yankees", "the national team"]
FOODS_ZH = ["猪肉", "鸡蛋", "草莓", "螺蛳粉", "小龙虾", "煎饼果子", "奶茶"]
FOODS_EN = ["eggs", "coffee", "avocado toast", "ramen", "pizza", "dumplings"]
TOPICS_ZH = ["淄博烧烤", "某地暴雨", "演唱会门票", "高考改革", "ChatGPT", "某明星塌房", "五一假期景区", "某品牌食品安全",
             "某地地震", "电动车新规", "延迟退休", "某网红翻车"]
TOPICS_EN = ["the heatwave", "the election", "the new AI model", "the stadium collapse", "the celebrity scandal",
             "the train strike", "the earthquake", "the bank failure", "the World Cup"]

# --- engagement farming ---
HYPE_ZH = ["震惊！{topic}内幕曝光，看完沉默了", "刚刚！{topic}重大消息，速看，马上删", "{topic}真相来了！99%的人都不知道",
           "炸了！{topic}，全网都在转", "太可怕了！{topic}背后竟然是这样", "紧急扩散！{topic}最新进展，不转不是中国人",
           "【热点】{topic}，评论区吵翻了，你站哪边？", "独家爆料：{topic}，看到最后我哭了"]
HYPE_EN = ["SHOCKING: the truth about {topic} they don't want you to see", "BREAKING!!! {topic} — you won't believe this",
           "{topic}: 99% of people missed this detail", "Everyone is sharing this about {topic}, watch before it's deleted",
           "OUTRAGE over {topic}! RT if you agree", "I can't believe what just happened with {topic} 😱😱"]
ILLICIT_ZH = ["内部消息，稳中彩票，加V领取今日号码", "扫码进群领红包，每天返现", "私下交易更便宜，加微信下单，不走平台",
              "跟单计划，包赚，充值即送", "粉丝专属福利，点击链接购买", "刷单兼职，日结三百，加我"]
ILLICIT_EN = ["Inside tip: guaranteed lottery numbers, DM for today's picks", "Join my VIP group, cash back every day",
              "Cheaper off-platform — order via the link, skip the fees", "Follow my betting plan, sure profit, top up now"]
ILLICIT_LINKS = ["https://pay.vip-qr.cc/{n}", "https://lottery888.top/t/{n}", "https://shop-tb.vip/item/{n}",
                 "https://wxpay-link.cn/r/{n}", "https://bet-tips.win/join/{n}", "https://t.me/vipsignal{n}"]
BENIGN_LINKS = ["https://www.gov.cn/", "https://news.cctv.com/", "https://www.bbc.com/news", "https://github.com/",
                "https://www.zhihu.com/question/{n}", "https://weibo.com/{n}"]
COORD_ZH = ["{topic}必须严查！大家一起转发让更多人看到", "支持{topic}！转发扩散，让正义不再迟到",
            "抵制{topic}！已举报，大家一起来", "{topic}太让人气愤了，必须给个说法！"]
COORD_EN = ["{topic} must be investigated NOW. Share so everyone sees", "We demand answers on {topic}! Retweet!",
            "Boycott {topic}. Spread the word!"]
COORD_NOISE = ["", "", "！", "!!", " 转发", " 顶", " +1", " 🔥", " 👇", "。"]

# --- unqualified professional services, per domain: (zh bio, zh posts, en bio, en posts, zh titles) ---
SERVICE_BIO_ZH = {
    "medical": ["三甲医院主任医师 | 在线问诊 | 私信开药", "中医世家第五代传人 祖传秘方 私信咨询", "专治失眠高血压 调理咨询¥99/次",
                "皮肤科专家 祛斑祛痘 包治 私信"],
    "legal": ["资深律师 离婚纠纷 债务追讨 私信免费咨询", "法律顾问 打官司包赢 ¥199/次", "专业处理劳动仲裁 私信"],
    "financial": ["投资导师 带你月入十万 私信上车", "股票内参 稳赚不赔 加V", "理财规划师 年化30% 保本保息"],
    "education": ["考研名师 押题保过 不过全退", "高考志愿填报专家 一对一 ¥1999", "雅思托福包过班 私信报名"],
    "psychology": ["心理咨询师 一对一疏导 ¥300/小时", "情感导师 挽回婚姻 私信咨询", "抑郁焦虑疏导 包好 私信"],
}
SERVICE_POST_ZH = {
    "medical": ["祖传秘方，三天根治糖尿病，私信领取", "高血压不用吃药，按我的方法调理，私信咨询", "在线问诊开处方，私信发症状",
                "这个偏方治好了上百位患者，需要的私信我"],
    "legal": ["离婚财产怎么分？私信我，包你多分", "欠钱不还？私信我帮你追，不成功不收费", "劳动纠纷免费咨询，私信"],
    "financial": ["今天推荐的股票又涨停了！想上车的私信", "稳赚不赔的理财方法，月收益30%，加我", "内部消息：这只币要翻十倍，速进群"],
    "education": ["考研押题命中率90%，不过全额退款", "孩子成绩差？一对一辅导保提50分，私信报名", "四六级包过，最后十个名额"],
    "psychology": ["抑郁了别吃药，跟我聊三次就好，私信预约", "失恋走不出来？情感咨询¥199一次", "焦虑症疏导，包好，私信"],
}
SERVICE_BIO_EN = {
    "medical": ["Doctor | online consultations | DM for prescriptions", "Natural healer, cure diabetes without meds, DM"],
    "legal": ["Licensed attorney — DM for a free consultation, $99/hr", "Legal advisor, win your divorce case guaranteed"],
    "financial": ["Investment coach | guaranteed 30% monthly returns | DM", "Forex signals, sure profit, join VIP"],
    "education": ["Exam coach — guaranteed pass or money back", "IELTS 8.0 guaranteed, DM to enrol"],
    "psychology": ["Certified therapist — book a session $80/hr", "Life & relationship coach, fix depression in 3 sessions"],
}
SERVICE_POST_EN = {
    "medical": ["This herbal mix cures high blood pressure, DM me to order", "Send me your symptoms, I'll prescribe online"],
    "legal": ["Got sued? DM me, I'll win it for you, $99 consult", "Free legal advice today only, DM"],
    "financial": ["My picks went up 40% this week. DM to join, guaranteed returns", "Risk-free crypto plan, 10x, DM me"],
    "education": ["Guaranteed exam pass, full refund if not, DM to enrol", "My students all got A*, book tutoring now"],
    "psychology": ["Anxiety? Skip the meds, 3 sessions with me fixes it. Book now", "Therapy sessions $80, DM"],
}
# Real professionals post the same kind of service text (they are allowed to).
PRO_BIO_ZH = {
    "medical": "{hosp}心内科主治医师，执业医师，科普为主，线上问诊请走医院平台",
    "legal": "执业律师，{city}某律师事务所，婚姻家事与劳动争议",
    "financial": "持证投资顾问（证券投资咨询），投资有风险",
    "education": "中学数学教师，持教师资格证，分享学习方法",
    "psychology": "国家注册心理咨询师，{city}心理咨询中心",
}
PRO_BIO_EN = {
    "medical": "Cardiologist at {city} General. Licensed physician. Book via the hospital portal.",
    "legal": "Licensed attorney, family and employment law. Consultations by appointment.",
    "financial": "Registered investment adviser. Not financial advice; investing involves risk.",
    "education": "Certified high-school maths teacher. Tutoring available.",
    "psychology": "Licensed clinical psychologist. Sessions by appointment.",
}
PRO_POST_ZH = {
    "medical": "高血压患者要遵医嘱规律服药，不要相信偏方，有问题可预约门诊咨询",
    "legal": "离婚财产分割的几个常见误区，需要咨询可预约律所",
    "financial": "定投不是稳赚不赔，投资前先评估风险承受能力，欢迎咨询",
    "education": "中考数学最后一个月怎么复习？一对一辅导可私信预约",
    "psychology": "焦虑情绪怎么缓解？这里有几个方法，严重的请及时就医，也可预约咨询",
}
PRO_POST_EN = {
    "medical": "High blood pressure? Take prescribed meds regularly and book a clinic visit for advice.",
    "legal": "Three mistakes people make in divorce settlements. Book a consultation if you need help.",
    "financial": "Dollar-cost averaging is not risk-free. Happy to review your plan, book a call.",
    "education": "How to revise maths in the last month. Private tutoring available, DM.",
    "psychology": "Coping with anxiety: a few techniques. Book a session if it persists.",
}
ISSUERS = {
    "medical": ["国家卫生健康委员会", "广东省卫生健康委员会", "General Medical Council"],
    "legal": ["中华人民共和国司法部", "北京市司法局", "State Bar of California"],
    "financial": ["中国证券业协会", "中国证券监督管理委员会", "FINRA"],
    "education": ["中华人民共和国教育部", "浙江省教育厅", "Teaching Regulation Agency"],
    "psychology": ["中国心理学会", "人力资源和社会保障部", "American Psychological Association"],
}
LICENSE_PREFIX = {"medical": "110", "legal": "1", "financial": "S0", "education": "2019", "psychology": "PSY"}
DOMAINS = ("medical", "legal", "financial", "education", "psychology")

# --- impersonation decorations and invented authorities ---
DECOR_ZH = ["官方", "新闻", "频道", "官方号", "发布", "中心", "资讯", "快讯", "官方账号", "新闻中心", "融媒体"]
DECOR_EN = ["Official", "News", "HQ", "China", "Channel", "Live", "Updates", "Media", "Press"]
INVENTED_FIXED = ["中国红军司令部", "中国反恐特战队", "战略导弹部队", "中国人民反恐特勤总队", "国家网络安全特勤局",
                  "中央军委特战旅", "国家反诈骗总局", "中华人民共和国特别行动局", "东方战区特种司令部",
                  "Chinese Red Army Command", "Chinese Counter-Terrorism Force", "Strategic Missile Force",
                  "Strategic Rocket Force", "People's Liberation Special Forces Command", "China National Anti-Fraud Bureau",
                  "Chinese Anti-terrorist Force"]
INVENTED_ZH_A = ["中国", "中华", "国家", "中央", "全国", "中国人民"]
INVENTED_ZH_B = ["反恐", "特战", "战略导弹", "网络安全", "特勤", "反诈", "维稳", "国安特别", "红军", "特种作战", "战备"]
INVENTED_ZH_C = ["部队", "司令部", "特战队", "总局", "指挥部", "督察组", "总队", "行动局", "大队"]
INVENTED_EN_A = ["Chinese", "National", "Central", "People's", "China"]
INVENTED_EN_B = ["Red Army", "Strategic Missile", "Counter-Terrorism", "Special Operations", "Cyber Defense",
                 "Anti-Fraud", "Rapid Reaction", "State Security Special"]
INVENTED_EN_C = ["Command", "Force", "Bureau", "Directorate", "HQ", "Brigade", "Task Force"]
INVENTED_BIO_ZH = ["官方发布军情动态", "权威发布，转发即支持", "保卫祖国，传播正能量", "内部消息第一时间发布"]
INVENTED_BIO_EN = ["Official military updates", "Authorised announcements", "Defending the nation. Follow for news"]

HARD_NEGATIVES = [
    ("新华书店", "xinhuabookstore", "全国连锁书店，图书音像"), ("新华书店旗舰店", "xhsd_flagship", "正版图书，满99包邮"),
    ("Xinhua Bookstore Fans", "xinhuabooks_fans", "We love books"), ("Navy Blue Clothing", "navyblueclothing", "Casual wear since 2009"),
    ("海军蓝服饰", "haijunlan_fushi", "海军蓝条纹衫，淘宝同款"), ("Ministry of Sound", "ministryofsound", "Club & label, London"),
    ("Ministry of Sound Club Shanghai", "mos_shanghai", "Fridays till late"), ("CCTV监控安装", "cctv_anzhuang", "监控摄像头安装维修 同城上门"),
    ("CCTV Camera Store", "cctvcamstore", "Security cameras & DVRs"), ("BTS ARMY Fan Club", "btsarmy_club", "Fan account, not affiliated"),
    ("五月天后援会", "mayday_fans", "五迷集合"), ("人民公园跑团", "renminpark_run", "每周六早上七点"),
    ("Daily People Coffee", "dailypeoplecoffee", "Specialty coffee"), ("Global Times Watch Repair", "gt_watchrepair", "Watch repair 30 yrs"),
    ("军迷俱乐部", "junmi_club", "军事爱好者交流，非官方"), ("健康生活小知识", "jiankang_tips", "分享养生常识，不构成医疗建议"),
    ("Army Surplus Outlet", "armysurplusoutlet", "Boots, jackets, camping gear"), ("国家地理爱好者", "natgeo_fans_cn", "摄影分享"),
    ("Fitness Coach Mike", "coachmike_fit", "Workout plans, not medical advice"), ("理财小白日记", "licai_diary", "记录自己的理财，不荐股"),
]

REPORT_TEXT = {
    "impersonation": ["假冒官方账号", "冒充媒体发布消息", "This account pretends to be an official outlet", "冒充主播"],
    "debunked_claim": ["散布谣言", "这是谣言，已辟谣", "Spreading a debunked rumour", "造谣"],
    "unqualified_services": ["无资质行医", "非法荐股", "Gives medical advice without a licence", "无证开课收费"],
    "engagement_farming": ["蹭热点博流量", "诱导加微信交易", "Clickbait and scam links", "水军刷屏"],
    "other": ["看着不舒服", "举报", "spam?", "不良信息"],
}
BRIGADE_TEXT = ["大家一起举报这个号", "举报！", "冲了冲了", "report this account", "封了它"]
