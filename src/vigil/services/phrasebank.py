"""Paraphrase slots for the services training grammar (`trainingdata.rich_account`).

Each domain has what an unqualified seller talks about (`objects`), what they promise to do with it
(`acts`, `{x}` = an object), how they undercut the real professionals (`anti`), and the results they
claim (`results`). The offer parts (contacts, prices, guarantees, scarcity, testimonials) are shared by
all domains *and* by look-alike trades, so the classifier must learn the domain from the subject
matter and the "offer" from the sales language, and only both together make a positive. The hard
negatives reuse the same objects: people asking for help, patients and clients telling their story,
students, news warning about the very scams the sellers run, licensed professionals pointing to the
proper channel, and jokes. Written from general knowledge of how such accounts talk on Weibo, Douyin,
Xiaohongshu, X, Instagram and YouTube — not from the evaluation sets.
"""

from __future__ import annotations

# ---------------------------------------------------------------- per domain, per language

DOMAIN_SLOTS: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "medical": {
        "zh": {
            "objects": (
                "糖尿病", "高血压", "痛风", "乙肝", "湿疹", "银屑病", "甲状腺结节", "肾结石", "胃炎", "胃溃疡", "幽门螺杆菌",
                "鼻炎", "咽炎", "颈椎病", "腰间盘突出", "失眠", "脱发", "痘痘", "闭口粉刺", "激素脸", "妇科炎症", "乳腺结节",
                "子宫肌瘤", "不孕不育", "前列腺炎", "阳痿早泄", "痔疮", "肝硬化", "脂肪肝", "高血脂", "冠心病", "脑梗后遗症",
                "癌症", "肿瘤", "肺结节", "小儿咳嗽", "孩子发烧", "小儿积食", "哮喘", "风湿", "关节炎", "静脉曲张", "白癜风",
                "灰指甲", "近视", "耳鸣", "带状疱疹", "尿酸高", "血糖高", "更年期潮热", "抑郁失眠",
            ),
            "acts": (
                "专治{x}", "根治{x}", "{x}断根", "调理{x}", "{x}三天见效", "治好{x}", "{x}一个疗程好转", "{x}不复发",
                "{x}包好", "{x}我来开方", "{x}把脉开药", "{x}在线问诊", "帮你看{x}", "{x}配药", "{x}吃我的方子",
                "{x}用我的药膏", "{x}喝我的茶包", "{x}用我的秘方", "{x}停药不反弹", "逆转{x}",
            ),
            "anti": (
                "不用去医院", "别再吃西药了", "医院治不好的来找我", "不用手术", "不用打针", "化疗就是害人", "胰岛素能停",
                "降压药可以停", "抗生素伤身别吃", "医生不会告诉你", "不用排队挂号", "激素药膏别用了", "药店买不到",
            ),
            "results": (
                "已经帮上千人康复", "患者都说好", "吃完复查指标正常", "三十年临床经验", "祖传三代", "宫廷秘方", "老方子",
                "看舌苔就知道你的问题", "发照片给我就能判断", "症状发我看看", "化验单发我帮你看",
            ),
            "titles": ("主任医师", "老中医", "名医", "神医", "大夫", "医生", "中医师", "专家", "药师", "皮肤科医生",
                       "儿科医生", "调理师", "养生专家", "郎中"),
        },
        "en": {
            "objects": (
                "diabetes", "type 2 diabetes", "high blood pressure", "gout", "eczema", "psoriasis", "thyroid issues",
                "Hashimoto's", "kidney stones", "IBS", "acid reflux", "leaky gut", "Crohn's", "migraines", "insomnia",
                "hair loss", "acne", "PCOS", "endometriosis", "infertility", "erectile dysfunction", "arthritis",
                "fatty liver", "high cholesterol", "heart disease", "cancer", "tumors", "asthma", "allergies",
                "ear infections", "ADHD", "autism", "Lyme disease", "long covid", "fibromyalgia", "lupus",
                "sciatica", "back pain", "tinnitus", "cataracts", "myopia", "UTIs", "candida", "shingles",
            ),
            "acts": (
                "cure your {x}", "reverse your {x}", "heal {x} naturally", "fix your {x} for good", "treat {x}",
                "get rid of {x}", "I'll prescribe for your {x}", "my protocol for {x}", "my remedy for {x}",
                "my cleanse clears {x}", "I diagnose {x} over DM", "tell me your {x} symptoms and I'll tell you what to take",
                "beat {x} without drugs", "{x} gone in 30 days", "shrink your {x}", "dissolve {x}",
            ),
            "anti": (
                "no doctor needed", "skip the doctor", "ditch your meds", "stop your medication", "doctors won't tell you this",
                "big pharma doesn't want you to know", "no surgery", "no prescription needed", "toss the pills",
                "chemo is poison", "your doctor is wrong", "no more insulin", "skip the ER",
            ),
            "results": (
                "hundreds of clients healed", "my client got off her meds", "labs back to normal", "20 years of practice",
                "testimonials in highlights", "I did it myself and now I help others", "send me your labs",
                "send a photo and I'll tell you what it is", "what doctors call incurable",
            ),
            "titles": ("Dr.", "doctor", "MD", "naturopath", "healer", "physician", "nurse", "herbalist",
                       "functional medicine practitioner", "health coach", "pharmacist"),
        },
    },
    "legal": {
        "zh": {
            "objects": (
                "离婚", "离婚财产分割", "抚养权", "彩礼纠纷", "出轨取证", "遗产继承", "房产纠纷", "租房押金", "拆迁补偿",
                "劳动仲裁", "拖欠工资", "工伤赔偿", "交通事故理赔", "医疗纠纷", "民间借贷", "欠款不还", "合同纠纷",
                "网贷逾期", "信用卡逾期", "刑事案件", "取保候审", "减刑", "商标侵权", "公司股权纠纷", "被诈骗追款",
                "债务纠纷", "起诉状", "答辩状", "上诉状", "执行难", "老赖",
            ),
            "acts": (
                "代理{x}", "{x}包赢", "{x}帮你打官司", "{x}我帮你起诉", "代写{x}", "{x}全程代办", "{x}帮你要回来",
                "{x}一对一法律咨询", "{x}找我", "{x}胜诉率高", "{x}帮你分析能不能赢", "{x}帮你写材料", "{x}帮你应诉",
                "处理{x}", "{x}维权", "{x}协商", "搞定{x}",
            ),
            "anti": (
                "不用请律师", "比律师便宜", "律师不会告诉你", "不用跑法院", "先办事后收费", "法院有熟人",
                "不成功不收费", "拿到钱再付款",
            ),
            "results": (
                "十年办案经验", "经手上千起案子", "上周刚帮一个客户拿回二十万", "判决结果我八九不离十", "懂法懂流程",
                "前法院工作人员", "专业法务团队",
            ),
            "titles": ("律师", "大律师", "法律顾问", "法务", "维权专家", "法律专家", "律所主任"),
        },
        "en": {
            "objects": (
                "divorce", "custody", "child support", "eviction", "deposit dispute", "DUI", "criminal charges",
                "speeding ticket", "traffic ticket", "immigration case", "asylum case", "visa denial", "green card",
                "deportation", "personal injury claim", "car accident claim", "workers' comp", "wrongful termination",
                "small claims case", "lawsuit", "will", "living trust", "probate", "bankruptcy", "debt collectors",
                "landlord dispute", "contract dispute", "trademark", "restraining order", "expungement",
            ),
            "acts": (
                "I'll win your {x}", "I file your {x} for you", "I handle your {x}", "I'll fight your {x} in court",
                "I'll draft your {x} papers", "free review of your {x}", "I'll sue over your {x}",
                "get your {x} dismissed", "I'll represent you in your {x}", "I'll review your {x} case",
                "get the biggest settlement for your {x}", "I prepare everything for your {x}",
                "tell you exactly what to say to the judge about your {x}",
            ),
            "anti": (
                "no lawyer needed", "skip the expensive attorney", "lawyers won't tell you this", "better than a lawyer",
                "no win, no fee", "I only get paid if you do", "don't talk to the insurance company",
            ),
            "results": (
                "won another case today", "100% approval rate", "hundreds of cases won", "former court clerk",
                "10 years as a paralegal", "my clients never lose",
            ),
            "titles": ("attorney", "lawyer", "legal consultant", "paralegal", "immigration consultant",
                       "legal advisor", "Esq."),
        },
    },
    "financial": {
        "zh": {
            "objects": (
                "股票", "A股", "港股", "美股", "牛股", "涨停股", "短线", "龙头股", "基金", "期货", "外汇", "黄金", "白银",
                "原油", "比特币", "数字货币", "合约", "新币", "期权", "可转债", "理财项目", "私募产品", "养老钱", "闲钱",
                "炒币", "打新", "内参", "代码",
            ),
            "acts": (
                "带你炒{x}", "{x}带单", "{x}喊单", "{x}跟单", "推荐{x}", "{x}代客操盘", "帮你投{x}", "{x}内幕消息",
                "{x}明天必涨", "{x}提前埋伏", "{x}稳赚", "{x}翻倍", "{x}实盘教学", "{x}每日推荐", "{x}收益保底",
                "{x}月收益30%", "{x}日化3%",
            ),
            "anti": (
                "存银行不如跟我", "银行利息太低", "不用懂也能赚", "散户都是韭菜跟我就不是", "亏了我补", "保本保息",
                "稳赚不赔", "零风险",
            ),
            "results": (
                "学员一个月赚了十万", "群友昨天又吃肉了", "上周三连板", "准确率90%", "收益截图见置顶", "已经带三千人上岸",
                "月入过万", "实盘截图为证",
            ),
            "titles": ("老师", "导师", "股神", "操盘手", "分析师", "理财师", "投资顾问", "基金经理", "财富导师", "交易员"),
        },
        "en": {
            "objects": (
                "stocks", "penny stocks", "options", "calls", "forex", "gold", "crypto", "bitcoin", "ETH", "altcoins",
                "meme coins", "NFTs", "futures", "day trading", "swing trades", "real estate fund", "your 401k",
                "your IRA", "your savings", "your portfolio", "dividend income", "high-yield notes", "signals",
                "alerts", "trades", "your retirement money",
            ),
            "acts": (
                "copy my {x}", "I manage your {x}", "I trade {x} for you", "daily {x} picks", "my {x} signals",
                "{x} that never lose", "guaranteed returns on {x}", "double your money in {x}", "I'll grow {x}",
                "send me {x} and I'll 10x it", "my {x} alerts", "invest in {x} with me", "{x} with 20% monthly returns",
                "my {x} group is up 300%",
            ),
            "anti": (
                "banks are robbing you", "zero risk", "can't lose", "principal protected", "not financial advice (it is)",
                "quit your 9-5", "your advisor won't tell you", "risk-free",
            ),
            "results": (
                "members up 200% this month", "students making $5k a month", "90% win rate", "screenshots in highlights",
                "turned $1k into $100k", "hundreds of happy investors",
            ),
            "titles": ("trader", "mentor", "wealth coach", "investment advisor", "analyst", "fund manager",
                       "financial advisor", "crypto expert"),
        },
    },
    "education": {
        "zh": {
            "objects": (
                "考研", "考公", "国考", "省考", "事业编", "教资", "四六级", "雅思", "托福", "高考", "中考", "小升初",
                "专升本", "自考", "成考", "会计证", "初级会计", "注会", "法考", "一建", "二建", "驾照科目一", "期末考试",
                "毕业论文", "网课", "留学申请", "名校录取", "竞赛保送", "职称论文", "学位论文",
            ),
            "acts": (
                "{x}包过", "{x}保过", "{x}押题", "{x}答案", "{x}真题", "{x}代考", "{x}代写", "{x}代刷", "{x}保录",
                "{x}提分", "{x}内部资料", "{x}命中率高", "{x}协议班", "{x}不过退费", "{x}保证通过", "{x}降重",
                "{x}考前密卷",
            ),
            "anti": (
                "不用自己学", "考场实时传答案", "内部渠道", "阅卷老师透露", "命题组内部消息", "名额有限先到先得",
            ),
            "results": (
                "去年通过率98%", "往届学员全部上岸", "押中三道大题", "原题命中", "帮几百个学生提分",
            ),
            "titles": ("名师", "学长", "学姐", "金牌讲师", "阅卷老师", "留学顾问", "规划师", "老师"),
        },
        "en": {
            "objects": (
                "SAT", "ACT", "GRE", "GMAT", "IELTS", "TOEFL", "MCAT", "LSAT", "bar exam", "CPA exam", "NCLEX",
                "finals", "online exam", "online class", "homework", "coursework", "essays", "thesis", "dissertation",
                "college applications", "personal statement", "admissions", "certification exam", "driving test",
            ),
            "acts": (
                "I'll take your {x} for you", "I write your {x}", "{x} done for you", "guaranteed pass on the {x}",
                "leaked {x} questions", "predicted {x} questions", "real {x} questions", "{x} score guaranteed",
                "guaranteed admission with my {x} package", "I'll sit your {x}", "{x} answers before the test",
                "A guaranteed on your {x}", "I'll log into your portal and do your {x}", "I'll handle all your {x}",
            ),
            "anti": (
                "no studying needed", "Turnitin-safe", "100% undetectable", "insider contacts", "pay after grades",
            ),
            "results": (
                "95% hit rate", "every student passed", "hundreds of A's", "former examiner", "former admissions officer",
            ),
            "titles": ("tutor", "exam coach", "admissions consultant", "former examiner", "essay writer", "teacher"),
        },
    },
    "psychology": {
        "zh": {
            "objects": (
                "抑郁", "抑郁症", "焦虑", "焦虑症", "失眠焦虑", "强迫症", "双相", "惊恐发作", "社交恐惧", "产后抑郁",
                "童年创伤", "原生家庭", "失恋", "分手", "婚姻危机", "老公出轨", "冷暴力", "情感挽回", "复合", "孩子厌学",
                "孩子网瘾", "青春期叛逆", "自残", "情绪失控", "PTSD", "心理创伤", "自卑",
            ),
            "acts": (
                "走出{x}", "治好{x}", "疗愈{x}", "摆脱{x}", "{x}心理疏导", "{x}心理咨询", "{x}一对一辅导", "{x}挽回",
                "{x}不用吃药", "{x}线上咨询", "{x}催眠治疗", "{x}能量疗愈", "{x}七天见效", "{x}成功率95%", "化解{x}",
            ),
            "anti": (
                "不用去医院开药", "抗抑郁药吃了会变傻", "比心理医生管用", "不用吃药", "医院只会开药",
            ),
            "results": (
                "已帮三千对复合", "很多人哭着说谢谢", "上千个家庭受益", "倾听你的烦恼", "已经帮几百人走出来",
            ),
            "titles": ("心理咨询师", "情感导师", "疗愈师", "心理专家", "婚姻导师", "催眠师", "心理老师", "情感专家"),
        },
        "en": {
            "objects": (
                "depression", "anxiety", "panic attacks", "OCD", "PTSD", "bipolar", "trauma", "childhood trauma",
                "grief", "your breakup", "your ex", "your marriage", "infidelity", "social anxiety", "burnout",
                "eating disorders", "anorexia", "self-harm", "anger issues", "low self-esteem", "phobias",
                "postpartum depression", "your teen's depression",
            ),
            "acts": (
                "heal your {x}", "cure your {x}", "I'll fix your {x}", "get over {x} in 3 sessions", "overcome {x}",
                "counseling for {x}", "therapy for {x}", "release {x}", "rewire your brain from {x}",
                "get {x} back", "save {x}", "coaching for {x}", "{x} gone for good",
            ),
            "anti": (
                "no meds", "no therapist needed", "better than therapy", "get off antidepressants",
                "therapy doesn't work, this does", "no diagnosis needed",
            ),
            "results": (
                "97% success rate", "hundreds of couples reunited", "clients cry with relief", "I healed myself first",
            ),
            "titles": ("therapist", "counselor", "life coach", "healer", "relationship coach", "psychologist",
                       "trauma coach", "hypnotherapist"),
        },
    },
}

# ---------------------------------------------------------------- offer language (domain-free)

CONTACTS: dict[str, tuple[str, ...]] = {
    "zh": (
        "私信", "私我", "私聊", "加V", "加v详聊", "加薇", "v信：{w}", "VX：{w}", "微信同号", "电话同微信", "评论区扣1",
        "评论区留言", "主页有联系方式", "扫主页二维码", "进群", "拉你进群", "预约", "后台留言", "戳私信", "滴滴我",
        "找我", "联系客服", "点击主页链接", "私信发症状", "私信报名", "名额私信",
    ),
    "en": (
        "DM me", "DM for details", "DM 'START'", "message me", "link in bio", "book a call", "book now",
        "WhatsApp me", "Telegram: @{w}", "text me", "email me", "comment 'INFO'", "apply via link", "book a discovery call",
        "sign up below", "slide into my DMs", "call now", "join my Discord", "spots open, DM", "Venmo accepted",
    ),
}
PRICES: dict[str, tuple[str, ...]] = {
    "zh": ("{n}元", "{n}一次", "一次{n}", "{n}元/次", "会员{n}", "{n}/月", "月费{n}", "收费{n}", "学费{n}",
           "{n}一个疗程", "一盒{n}", "{n}起", "诊费{n}", "咨询费{n}", "入群费{n}", "服务费{n}", "定金{n}", "￥{n}",
           "{n}包邮", "工本费{n}"),
    "en": ("${n}", "${n}/month", "${n} per session", "${n} flat", "only ${n}", "${n} a bottle", "${n}/week",
           "${n} program", "${n} package", "${n} retainer", "${n} per page", "${n} lifetime access", "${n}/hr"),
}
GUARANTEES: dict[str, tuple[str, ...]] = {
    "zh": ("无效退款", "不好不要钱", "包好", "包过", "包赢", "保证", "不成功不收费", "稳赚", "不过全退", "退一半",
           "百分百", "成功率99%", "先试后付", "签协议"),
    "en": ("guaranteed", "or your money back", "money back guarantee", "100% success", "results guaranteed",
           "full refund if not", "works every time", "or you don't pay"),
}
SCARCITY: dict[str, tuple[str, ...]] = {
    "zh": ("名额有限", "仅剩3个名额", "先到先得", "本期最后5位", "错过等一年", "今晚截止"),
    "en": ("limited spots", "only 5 spots left", "closing Friday", "first come first served", "last call"),
}

# ---------------------------------------------------------------- hard negatives

ASK: dict[str, tuple[str, ...]] = {
    "zh": ("有没有懂{x}的朋友说说怎么办？", "{x}该去哪个医院/找谁？求推荐靠谱的", "{x}要不要起诉？在线等",
           "请问{x}大家都怎么处理的", "家里人{x}，好着急，有经验的说说", "{x}有必要请专业的人吗？"),
    "en": ("Anyone dealt with {x}? Need advice", "Can anyone recommend a real professional for {x}?",
           "Is it normal to worry this much about {x}?", "How did you all handle {x}?",
           "My sister is dealing with {x}, what should she do?", "Should I see someone about {x}?"),
}
SHARE: dict[str, tuple[str, ...]] = {
    "zh": ("确诊{x}一年了，一直遵医嘱，情况稳定", "{x}终于结束了，感谢一路帮助我的人", "今天因为{x}去了趟医院，排了两小时队",
           "{x}的事把我折腾坏了", "关于{x}，我的经验是一定要找正规机构", "网上说{x}能包好的千万别信，我被骗过",
           "最近在研究{x}，记点笔记", "朋友因为{x}吃了大亏，大家小心", "之前花{n}元信了“{s}”，结果什么用都没有",
           "{x}的事花了{n}，后悔没早点找正规渠道"),
    "en": ("A year since my {x} diagnosis, following my doctor's plan and doing better",
           "So glad the {x} saga is over", "Spent the day dealing with {x}, exhausted",
           "My take on {x}: go through the proper channels", "Anyone promising to fix {x} for cash is scamming you",
           "Reading up on {x} tonight", "Lost money to a {x} scam once, never again", "Still processing my {x}",
           "Paid ${n} for '{s}' and got nothing", "Spent ${n} on {x} this year, ouch"),
}
# Ordinary people mentioning the real professional they see ("my therapist", "我的律师").
PRO_MENTION: dict[str, tuple[str, ...]] = {
    "zh": ("我的{t}说{x}要慢慢来，按时复查", "今天去见了{t}，聊了聊{x}，感觉好多了", "{t}建议我{x}先别着急，听专业的",
           "感谢帮我处理{x}的{t}，真的很专业", "约了下周的{t}，为了{x}的事"),
    "en": ("My {t} helped me so much with {x}", "Saw my {t} today about {x}, feeling better",
           "My {t} says {x} takes time, trusting the process", "Shoutout to the {t} who handled my {x}",
           "Booked an appointment with a {t} about {x}, wish me luck"),
}
PRO_WORDS: dict[str, tuple[str, ...]] = {
    "zh": ("医生", "心理咨询师", "律师", "理财经理", "老师", "主治医生", "咨询师"),
    "en": ("therapist", "doctor", "lawyer", "counselor", "financial advisor", "tutor", "psychiatrist", "attorney"),
}
NEWS_OUTLETS: dict[str, tuple[str, ...]] = {
    "zh": ("新华社", "人民日报", "央视新闻", "澎湃新闻", "健康报", "法治日报", "财经网", "中国教育报", "南方都市报",
           "北京青年报", "第一财经"),
    "en": ("Reuters", "AP News", "BBC News", "The Guardian", "CNBC", "Health Daily", "Law Weekly", "Education Week",
           "NPR", "Financial Times", "Local 5 News"),
}
NEWS: dict[str, tuple[str, ...]] = {
    "zh": ("警方提醒：警惕“{s}”类骗局，已有多人受骗", "监管部门通报：某账号以“{s}”为名非法牟利被查处",
           "专家提醒：所谓“{s}”均为虚假宣传", "{x}相关新规今日起施行", "调查：{x}问题困扰多少家庭",
           "权威发布：关于{x}，官方给出答复", "记者调查“{s}”黑产链", "男子轻信“{s}”被骗{n}万元，警方提醒",
           "七旬老人交了{n}元“{s}”费用，钱没了人也联系不上", "多人花{n}元报名“{s}”，维权无门"),
    "en": ("Police warn of '{s}' scams spreading online", "Regulator fines account that promised '{s}'",
           "Experts say claims of '{s}' are false", "New rules on {x} take effect today",
           "Investigation: the '{s}' industry behind social media ads", "Officials answer questions on {x}",
           "Man loses ${n} to '{s}' scheme, police say", "Victims paid ${n} for '{s}', regulators say",
           "Court orders refunds after company sold '{s}' for ${n}"),
}
PRO_RESPONSIBLE: dict[str, tuple[str, ...]] = {
    "zh": ("关于{x}，请到正规医院或机构面诊，不要轻信网上偏方", "{x}因人而异，具体问题请线下咨询，本号仅做科普",
           "{x}科普：以上内容不构成个人建议", "接诊/预约请走单位官方渠道，收费按标准执行"),
    "en": ("On {x}: please see a licensed professional in person; this is general information",
           "Every {x} case is different; book through the clinic or firm, not DMs",
           "{x} explainer thread. Not individual advice.", "Appointments through the official office portal only"),
}
JOKES: dict[str, tuple[str, ...]] = {
    "zh": ("我妈就是我的私人医生，包治百病，诊费是洗碗", "股神本神：买啥跌啥，反着买稳赚（狗头）",
           "我的心理咨询师是我家猫，收费一个罐头", "律师函警告（不是）", "考试押题靠转发锦鲤，包过"),
    "en": ("My therapist is my dog, charges one treat per session", "Financial advice: buy high, sell low, cry. Guaranteed",
           "Doctor said watch my drinking so I drink in front of a mirror", "Legal advice from me: don't",
           "Predicted exam questions: all of them. 100% hit rate lol"),
}
LOOKALIKE_TRADES: dict[str, tuple[str, ...]] = {
    "zh": ("减脂餐配送", "驾校报名", "游泳课", "骑行训练计划", "二手房", "私教减脂课", "增肌训练营", "瑜伽打卡营", "普拉提课", "马拉松训练营", "新娘跟妆", "美甲", "美睫", "护肤品",
           "面膜", "婚纱摄影", "写真拍摄", "烘焙课", "咖啡拉花课", "家常菜教程", "吉他课", "钢琴课", "舞蹈课",
           "少儿编程", "书法课", "手机维修", "电脑维修", "空调清洗", "家政保洁", "搬家服务", "装修", "宠物美容",
           "宠物寄养", "穿搭咨询", "简历优化", "婚礼主持", "代办营业执照", "二手书", "团购水果", "陪诊服务", "剪发"),
    "en": ("cycling training plans", "running coaching", "swim lessons", "houseplant care", "driving lessons",
           "personal training", "fat loss program", "yoga classes", "pilates", "marathon coaching", "bridal makeup",
           "nail art", "lash extensions", "facials", "skincare bundle", "wedding photography", "headshots",
           "baking classes", "cooking class", "meal prep plans", "guitar lessons", "piano lessons", "dance classes",
           "coding bootcamp", "computer repair", "phone screen repair", "wifi setup", "house cleaning", "moving help",
           "interior design", "dog grooming", "dog training", "styling sessions", "resume rewrite",
           "interview coaching", "DJ for weddings", "handmade candles", "tattoo designs", "haircuts"),
}
LOOKALIKE_GUARANTEES: dict[str, tuple[str, ...]] = {
    "zh": ("包教包会", "不满意重拍", "修不好不收费", "不瘦退款", "洗不干净不收钱", "保证不增项", "试听免费"),
    "en": ("satisfaction guaranteed", "results or your money back", "first session free", "no fix, no fee",
           "guaranteed to love it"),
}
DAILY: dict[str, tuple[str, ...]] = {
    "zh": ("今天天气真好", "晚饭做了红烧肉", "周末去爬山了", "猫又把杯子打翻了", "加班到十点，累", "新买的耳机音质不错",
           "今天跑了五公里", "追剧到凌晨", "早安", "下雨了，记得带伞"),
    "en": ("Beautiful morning walk", "Made tacos tonight", "Weekend hike with the kids", "My cat hates Mondays",
           "Long day, bed time", "New headphones are amazing", "Ran 5k today", "Coffee first", "Rainy Sunday vibes",
           "Good morning everyone"),
}
PLAIN_NAMES: dict[str, tuple[str, ...]] = {
    "zh": ("小鱼", "阿杰", "大橙子", "喵喵酱", "老王", "小林同学", "一只打工人", "北漂小张", "桃子", "阿花", "糖糖",
           "老李头", "晴天", "小美", "大壮", "豆豆妈", "陈陈", "风一样的男子", "木木", "七七"),
    "en": ("Sarah", "Mike T", "Jenny", "Chris", "Amanda K", "Dave", "Nicole", "J. Rivera", "Olivia", "Marcus",
           "Kate B", "Tyler", "Priya", "Hannah", "Jordan", "Emma Lee", "Ben", "Zoe", "Ryan", "Grace"),
}
