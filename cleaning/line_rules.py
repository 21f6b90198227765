"""Boilerplate line vocabulary: which whole lines of a page are not article text, and what they say.

A contributor adds a row here to teach the cleaner a new kind of boilerplate line; the engine in
`cleaning.lines` never needs to change. Each row of LINE_RULES is (name, regex, kind, max_chars):

  name       dotted rule name stored with every removal ("footer.icp", "nav.language_bar", ...)
  regex      matched with re.search against the normalised line, case-insensitive; named groups
             become captures (date, views, source, holder, author, editors, trail, src,
             origin: where a repost first appeared, preferred to its source)
  kind       drop      - navigation / widget line, removed
             footer    - this line, and when it comes after the article's last paragraph, everything
                         after it, is the site footer
             credit    - author / editor line: parsed into people, then removed
             meta      - date / views / source line: captured, then removed
             image     - a lone image file name standing in for a picture
             publisher - copyright line whose holder is the publisher (also starts the footer)
  max_chars  lines longer than this are article text, whatever they contain

The first matching row wins, so put specific rows before general ones.
"""

from __future__ import annotations

# Languages offered in language-selector bars ("中文 | English", "한어Русский языкEnglish...").
# A line made only of these (three or more) is a language bar.
LANGUAGE_NAMES: tuple[str, ...] = (
    "English", "中文", "简体中文", "繁體中文", "繁体中文", "简体", "繁體", "繁体", "汉语", "漢語", "Chinese",
    "한어", "한국어", "조선어", "Korean", "日本語", "日本语", "Japanese", "Русский язык", "Русский", "Russian",
    "Français", "French", "Deutsch", "German", "Español", "Spanish", "Português", "Portuguese", "Italiano",
    "Italian", "Ελληνικά", "Greek", "Nederlands", "Dutch", "Polski", "Polish", "Svenska", "Swedish", "Dansk",
    "Danish", "Norsk", "Suomi", "Suomalainen", "Finnish", "Türkçe", "Turkish", "العربية", "Arabic", "עברית",
    "Hebrew", "हिन्दी", "Hindi", "Sanskrit", "ไทย", "Thai", "Tiếng Việt", "Vietnamese", "Bahasa Indonesia",
    "Indonesian", "Bahasa Melayu", "Malay", "Filipino", "Latina", "Latin", "Čeština", "Magyar", "Română",
    "Українська", "Қазақ тілі", "Монгол", "ئۇيغۇرچە", "བོད་ཡིག", "Esperanto",
)  # fmt: skip

# Lines above the title that name the site section rather than the site ("行业动态", "news").
SECTION_WORDS: tuple[str, ...] = (
    "行业动态", "新闻动态", "新闻中心", "新闻资讯", "通知公告", "通知通告", "公告通知", "政策法规", "政策解读",
    "政策文件", "工作动态", "协会动态", "学会动态", "综合新闻", "图片新闻", "媒体报道", "媒体聚焦", "地方动态",
    "国内新闻", "国际新闻", "行业资讯", "行业新闻", "时政要闻", "要闻", "要闻动态", "头条", "新闻", "资讯",
    "动态", "公告", "通知", "专题", "热点", "信息公开", "News", "Latest News", "News Center", "Newsroom",
    "Press Releases", "Press Release", "Press", "Industry News", "Policy", "Policies", "Announcements",
    "Notices", "Events", "Updates", "Insights", "Headlines", "Features", "Articles",
)  # fmt: skip

# A short line above the title that names the site ("China Carbon Credit Platform", "中国建筑节能网").
SITE_NAME_HINTS: tuple[str, ...] = (
    "Platform", "Network", "Net", "Online", "Portal", "News", "Daily", "Times", "Post", "Weekly", "Website",
    "Association", "Council", "Institute", "Society", "Center", "Centre", "Bureau", "Ministry", "Commission",
    ".com", ".cn", ".org", ".net", "网", "平台", "门户", "在线", "官网", "日报", "晚报", "周刊", "报社", "协会",
    "学会", "研究院", "中心", "政府", "委员会", "局", "厅", "部",
)  # fmt: skip

# A line above the first sentence that is never the title: a repost's "原标题：…" names the source's headline
# (it is not removed as boilerplate: where it stands in the text, editors keep it with the article).
NOT_TITLE_LINE = r"^[【\[(（]?\s*(?:原标题|原题|原文标题)\s*[】\])）]?\s*[:：]"

# Roles on credit lines, longest first within a language. Author roles name who wrote the piece;
# editor roles name who edited, reviewed or proofread it; other roles (photos) are ignored.
AUTHOR_ROLES: tuple[str, ...] = (
    "本报记者", "本报通讯员", "特约记者", "见习记者", "记者", "通讯员", "作者", "撰稿", "撰文", "采写", "文字", "文",
    "Written by", "Reported by", "Story by", "Words by", "Author", "Authors", "Reporter", "Reporters",
    "Staff Reporter", "Staff Correspondent", "Special Correspondent", "Correspondent", "Staff writer", "Writer",
    "By", "Autor", "Autorin",  # (German blogs label an author box "Autor")
)  # fmt: skip
EDITOR_ROLES: tuple[str, ...] = (
    "责任编辑", "值班编辑", "网络编辑", "编辑", "责编", "审核", "审校", "审稿", "校对", "终审", "初审", "复审", "二审",
    "三审", "签发", "监制", "翻译", "编译", "译者", "Edited by", "Reviewed by", "Proofread by", "Editors", "Editor",
)  # fmt: skip
# Marks that close a news story after its last sentence: "…规模化。（完）" still ends in a sentence.
END_MARKS: tuple[str, ...] = (
    "（完）", "(完)", "【完】", "[完]", "（全文完）", "(全文完)", "（终）", "(终)", "（END）", "(END)", "(end)", "-30-",
    "■",  # Xinhua's English stories
)  # fmt: skip
# A credit run on to a story's last sentence in the same paragraph, matched on the Simplified fold at the end of
# the paragraph right after a sentence end (or an end mark): 中央社 "…淨零轉型。（編輯：張三）1130305" (the editor,
# then a date code: ROC year, month, day), "…。【编辑：王五】", "…。（完）（责任编辑：刘洋）", "…。责任编辑：张三".
# The sentence stays; the credit is read as a credit line and removed.
CLOSING_CREDIT_ROLES = r"责任编辑|值班编辑|网络编辑|编辑|责编|审核|审校|校对"
_CLOSING_CREDIT_FIELD = (
    rf"(?:{CLOSING_CREDIT_ROLES})\s*[:：]\s*[\u4e00-\u9fff·]{{2,5}}(?:[\s、,，/]+[\u4e00-\u9fff·]{{2,5}}){{0,3}}"
)
CLOSING_CREDIT = (
    r"(?:(?<=[。！？!?…”’」』])|(?<=（完）)|(?<=\(完\))|(?<=【完】))\s*(?P<credit>"
    rf"[（(【\[]\s*(?:{CLOSING_CREDIT_ROLES})\s*[:：/／]\s*[^（()）【】\[\]]{{1,30}}[)）】\]]"
    r"(?:\s*\d{7,8})?"  # 中央社's date code: 1130305 (ROC 113 = 2024), or 20240305
    rf"|{_CLOSING_CREDIT_FIELD}(?:\s+{_CLOSING_CREDIT_FIELD})*"  # 编辑：张三 审核：李四
    r")\s*$"
)
# A date code printed after a credit (above): not part of the names.
CREDIT_DATE_CODE = r"(?<=[)）】\]])\s*\d{7,8}\s*$"
# An official document's closing block (落款) after its last sentence, kept as body rather than trimmed
# as trailing furniture: contact lines, attachment lines, the issuing bodies, the signing date, the
# publication note, in that order. It counts only with a signing date after an issuer, or with a
# publication note (so a contact line followed by neither is still the site footer's).
DOCUMENT_CONTACT_LINE = (
    r"^(?:联系人|联系电话|联系方式|咨询电话|电话|传真|电子邮箱|邮箱|联系地址|通讯地址|地址|邮编)\s*[:：]"
)
DOCUMENT_ATTACHMENT_LINE = r"^附件\s*\d{0,2}\s*(?:[:：]|$)"  # 附件：…规划 / 附件1：… / 附件
DOCUMENT_ATTACHMENT_ITEM = r"^\d{1,2}\s*[.．、]\s*\S"  # "2.…" listed under an attachment line
# An issuing body: a name ending like these, several allowed on one line ("住房和城乡建设部 国家发展改革委").
DOCUMENT_ISSUER_ENDINGS: tuple[str, ...] = (
    "人民政府", "办公厅", "办公室", "委员会", "领导小组", "工作组", "部", "厅", "局", "委", "署", "院", "会", "中心",
    "公司", "集团", "处", "所", "站", "社", "办",
)  # fmt: skip
DOCUMENT_ISSUER_MAX_CHARS = 40
DOCUMENT_SIGNING_DATE = (
    r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
    r"|^[〇○零Ｏ一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日$"
)
DOCUMENT_PUBLICATION_NOTE = r"^[（(]\s*此件(?:公开发布|主动公开|依申请公开|不予公开|不公开|(?:经)?删减后公开)\s*[)）]$"
OTHER_ROLES: tuple[str, ...] = ("摄影", "图片", "摄", "图", "美编", "设计", "Photo by", "Photos by", "Photo")
# How a news outlet's name ends, when a byline names it before the reporter: "澎湃新闻记者 邹娟",
# "经济参考报记者 王璐", "21世纪经济报道记者 曹恩惠" ("《经济参考报》记者 王璐" needs no entry).
OUTLET_ENDINGS: tuple[str, ...] = (
    "新闻", "财经", "报道", "日报", "晚报", "早报", "时报", "周刊", "周报", "杂志", "电视台", "广播电台", "客户端",
    "传媒", "观察", "网", "报", "社", "台",
)  # fmt: skip
# Common Chinese surnames (Simplified; lines are matched on the Simplified fold): a byline that names the outlet
# and its reporters with no role word ("第一财经 马晓华 李文") is told from an outlet and a column ("央视新闻 两会时间")
# by its names starting with one of these.
COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    "崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文"
    "牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲"
    "翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫"
    "米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES: tuple[str, ...] = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐",
    "澹台", "轩辕", "端木", "百里", "呼延", "南宫",
)  # fmt: skip
# A wire or local-paper dateline that names the reporter, at the start of a story's first paragraph:
# 新华社北京3月26日电（记者王优玲）… / 中新网上海4月18日电 (记者 缪璐)… / 本报讯（记者 张三 通讯员 李四）…
# The `credit` group is read like a credit line.
# Taiwan (matched on the Simplified fold, read as printed): 中央社 puts the reporter before the place,
# （中央社記者陳俊華台北5日電）, so the name ends where one of DATELINE_PLACES starts; 自由時報 and 聯合報 print
# 〔記者吳柏軒／台北報導〕. Alternates are named credit2, credit3.
DATELINE_PLACES: tuple[str, ...] = (
    "台北", "新北", "桃园", "台中", "台南", "高雄", "基隆", "新竹", "嘉义", "苗栗", "彰化", "南投", "云林", "屏东",
    "宜兰", "花莲", "台东", "澎湖", "金门", "马祖", "连江", "香港", "澳门", "北京", "上海", "东京", "华盛顿", "纽约",
)  # fmt: skip
DATELINE_CREDIT = (
    r"^\s*[^\s。！？，,；;：:（(“”\"]{0,30}?(?:电|讯|消息)\s*[（(]\s*"
    r"(?P<credit>(?:本报记者|本报通讯员|特约记者|见习记者|首席记者|记者|通讯员)[^（()）。，]{1,40})[)）]"
    r"|^\s*[（(]\s*中央社\s*(?P<credit2>记者[\u4e00-\u9fff、]{2,20}?)(?=(?:"
    + "|".join(DATELINE_PLACES)
    + r")\d{1,2}日(?:专)?电)"
    r"|^\s*[〔［\[]\s*(?P<credit3>(?:特约记者|实习记者|记者)[^／/〔〕\[\]［］]{2,30}?)\s*[／/][^〔〕\[\]［］]{0,12}报导\s*[〕］\]]"
)
# Values that name no person, on a credit or metadata line or in a meta tag: CMS accounts and
# placeholders (compared case-blind), and patterns (re.search) such as a place's "上海报道" suffix
# on "本报记者 曹恩惠 上海报道", or a numeric user id.
NOT_AUTHOR_NAMES: tuple[str, ...] = (
    "admin", "administrator", "webmaster", "editor", "root", "system", "guest", "user", "unknown", "anonymous",
    "管理员", "网站管理员", "系统管理员", "超级管理员", "本站", "本网", "本站编辑", "小编", "佚名", "匿名", "未知",
    # what a credit says was done after the names: "（记者陈智 整合）", "本报记者 X 综合报道"
    "整合", "综合", "整理", "编译", "综述", "报道", "综合报道", "供稿", "采访", "发自",
    # where a reposted text came from, in the author's place: "作者：网络整理"
    "网络", "网络整理", "综合整理", "本站整理", "网络转载", "互联网",
    # the roles a 作者 field prints between the names: "作者：记者 刘洋 实习生 陈佳怡"
    "记者", "本报记者", "特约记者", "见习记者", "实习记者", "首席记者", "通讯员", "本报通讯员", "实习生",
    # a byline's buttons and links read in the name's place: "Follow", "Alle Artikel"
    "follow", "folgen", "abonnieren", "subscribe", "alle artikel", "alle beiträge", "all articles", "all posts",
    "more from", "mehr von", "view profile", "profil anzeigen",
    # a Swiss picture credit, "zur Verfügung gestellt" (provided): a byline element holding it names no writer
    "zvg", "z.v.g.", "privat",
)  # fmt: skip
# Where the names after an English credit role end and the byline's other fields begin (outlet, date,
# section): "By A and B | China Daily | Updated: …", "By A / Mar 05, 2024 04:46 PM / Environment".
LATIN_CREDIT_FIELD_END = (
    r"\s*[|｜·•/]\s*|\s[-–—]\s"
    r"|\s+on\s+(?=Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d)"  # "… on Thu, Nov 9"
    r"|\s+(?=\d{1,3}\s*min(?:ute)?s?\.?\s+read\b)"  # a reading time run on from the names: "By A 5 min read"
)
# What a byline prints after a person's name that is not part of it (case-sensitive, cut from the end of
# each name): where the reporter filed from ("Zhao Yimeng in Shijiazhuang", "Vivian Tsui in Beijing") and a
# bracketed outlet or editor's initials ("Julia Hitz (eg)", "Jane Doe (Reuters)").
# Buttons and links a byline element prints after the name (case-sensitive): "Inga Hoeltmann Follow
# Transformationsbegleiterin …", "Johanna Kropfitsch Alle Artikel": the name ends where one starts.
BYLINE_BUTTON_LABELS: tuple[str, ...] = (
    "Follow", "Folgen", "Abonnieren", "Subscribe", "Alle Artikel", "Alle Beiträge", "All articles", "All posts",
    "More from", "Mehr von", "View profile", "Profil anzeigen",
)  # fmt: skip
BYLINE_BUTTON_TRAILER = r"\s+(?:" + "|".join(BYLINE_BUTTON_LABELS) + r")(?:\s.*)?$"
LATIN_NAME_TRAILERS: tuple[str, ...] = (
    r"\s+(?:reporting\s+)?(?:in|IN|from)\s+[A-Z][A-Za-z'’.-]+(?:\s+[A-Z][A-Za-z'’.-]+){0,2}$",
    r"\s*\([^()]{1,24}\)?$",  # (the closing bracket may be gone: a credit line loses its outer brackets)
    BYLINE_BUTTON_TRAILER,
)
# A web address printed after an author's name ("Frank Bueltge - http://bueltge.de", "Jane Doe (https://…)"):
# cut, the name stays. An address alone names no one (NOT_AUTHOR_PATTERNS).
AUTHOR_URL_TRAILER = r"\s*(?:[-–—|,·]\s*)?[(\[]?\s*(?:https?://|www\.)\S*$"
NOT_AUTHOR_PATTERNS: tuple[str, ...] = (
    r"^[\u4e00-\u9fff]{2,4}报道$",  # 北京报道 / 上海报道 / 发自北京报道
    r"^[\u4e00-\u9fff]{1,10}(?:日报|晚报|早报|时报|周刊|周报|报社|新闻|电视台)$",  # an outlet: "文/南方日报记者 …"
    r"^\W*\d[\d\W_]*$",  # 102384: a user id
    r"^(?:[A-Za-z]\.)+$|^[A-Za-z]$",  # initials alone: "S.", "D.E."
    r"[@*]",  # a comment form's fields: "Name *", "name, email@gmail.com"
    r"©",  # a picture's credit in a byline's place: "Bild © hr"
    # a host or an address: "www.koffergepackt.com", "facebook.com/vegolosi", "https://twitter.com/janedoe"
    r"^(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,6}(?:/\S*)?$",
    r"^(?:https?:)?//",
    # a picture's credit in a byline's place: "Foto: dpa", "Photo: Jane Doe", "Фото из Инстаграма …", "Bild: privat"
    r"(?i:^(?:fotos?|photos?|bild(?:er)?|image|picture|pic|фото|фотография)(?:\s*[:：]|\s+(?:by|von|из|de|di)\b|$))",
    # a source's credit in a byline's place: "Quelle: hessenschau.de/bb" names where the text came from
    r"(?i:^(?:quelle|source|fuente|fonte)\s*[:：])",
)
# Public broadcasters' short names (matched case-sensitively, the whole value): the outlet whose programme a
# teaser or video credits ("ARD" in a hessenschau.de teaser), never a writer. News agencies ("AFP", "dpa") are not
# listed: a story credited to the agency is authored by it.
BROADCASTER_NAMES: tuple[str, ...] = (
    "ARD", "ZDF", "ORF", "SRF", "SRG", "SRG SSR", "RTS", "RSI", "BR", "HR", "hr", "NDR", "WDR", "SWR", "MDR", "RBB",
    "rbb", "SR", "DLF", "Deutschlandfunk", "3sat", "ARTE", "arte", "KiKA", "Phoenix", "BBC", "ITV", "CNN", "NBC",
    "CBS", "PBS", "NPR", "CBC", "RAI", "RTL", "RTVE", "NHK", "KBS",
)  # fmt: skip
# Labels a byline element or meta tag prints before a Latin-script author (matched case-blind at the value's
# start, then a colon or a space): "Auteur: Anna Kubišta", "von Ulrike", "Erstellt von Andri Bryner". The
# name after the label is the author; a value that is only a label ("Veröffentlicht am") names no one.
AUTHOR_VALUE_LABELS: tuple[str, ...] = (
    r"veröffentlicht\s+(?:am|von)", r"veröffentlicht", r"publiziert\s+(?:am|von)", r"publiziert",
    r"erstellt\s+(?:am|von)", r"geschrieben\s+von",
    r"verfasst\s+von", r"ein\s+beitrag\s+von", r"von", r"autor(?:in)?", r"author", r"auteur(?:e)?", r"autrice",
    r"écrit\s+par", r"publié\s+(?:le|par)", r"par", r"escrito\s+por", r"publicado\s+(?:el|por)", r"por",
    r"scritto\s+da", r"autore", r"written\s+by", r"posted\s+(?:on|by)", r"published\s+(?:on|by)", r"by",
)  # fmt: skip
# A company's legal form (matched case-sensitively as a word of a Latin author value): the operator of the
# site, not a person ("Perform Media Deutschland GmbH"). Associations and foundations ("… e.V.", "Stiftung")
# are not listed: an NGO's report is authored by the NGO.
COMPANY_LEGAL_FORMS: tuple[str, ...] = (
    "GmbH", "mbH", "AG", "KG", "KGaA", "OHG", "UG", "SE", "Ltd", "Ltd.", "Limited", "Inc", "Inc.", "LLC", "LLP",
    "plc", "PLC", "Corp", "Corp.", "Corporation", "S.A.", "SA", "SAS", "SARL", "S.r.l.", "S.p.A.", "B.V.", "N.V.",
    "Pty", "A/S", "AB", "Oy",
)  # fmt: skip
# Countries an author value may end with after a comma, as an address does ("GIROMATCH, Frankfurt a. M.,
# Germany"): the place is cut, the first part stays to be judged ("Jane Doe, Berlin, Germany" -> Jane Doe).
ADDRESS_COUNTRIES: tuple[str, ...] = (
    "Germany", "Deutschland", "Austria", "Österreich", "Switzerland", "Schweiz", "Suisse", "France", "Italy",
    "Italia", "Spain", "España", "Netherlands", "Nederland", "Belgium", "Czech Republic", "Czechia", "Poland",
    "United Kingdom", "UK", "USA", "U.S.A.", "United States", "Canada", "Australia", "China", "Japan", "India",
    "Singapore", "Hong Kong",
)  # fmt: skip
# Jobs and titles that end an affiliation printed after a Chinese name ("王文 中国人民大学重阳金融研究院执行院长",
# "李四 教授"): a part of an author value ending so names a position, not a person (unless the part is a name's
# length, "王院长" being as rare as a reporter called so).
# Cities a German or English byline prints after the writer's full name as the dateline ("Markus Balser,
# Berlin", "Jane Doe, New York"): cut, the name stays. A name alone before the comma ("Harm, Robert") is no
# full name: kept.
DATELINE_CITIES: tuple[str, ...] = (
    "Berlin", "München", "Munich", "Hamburg", "Frankfurt", "Frankfurt am Main", "Köln", "Cologne", "Düsseldorf",
    "Stuttgart", "Leipzig", "Dresden", "Hannover", "Bremen", "Bonn", "Karlsruhe", "Mainz", "Wiesbaden", "Wien",
    "Vienna", "Graz", "Linz", "Salzburg", "Innsbruck", "Zürich", "Zurich", "Bern", "Basel", "Genf", "Geneva",
    "Lausanne", "Luzern", "London", "Paris", "Brüssel", "Brussels", "Bruxelles", "Straßburg", "Strasbourg",
    "Luxemburg", "Luxembourg", "Den Haag", "The Hague", "Amsterdam", "Rom", "Rome", "Madrid", "Lissabon", "Lisbon",
    "Warschau", "Warsaw", "Prag", "Prague", "Budapest", "Moskau", "Moscow", "Kiew", "Kyiv", "Kiev", "Istanbul",
    "Ankara", "Athen", "Athens", "Stockholm", "Kopenhagen", "Copenhagen", "Oslo", "Helsinki", "Dublin",
    "Washington", "Washington D.C.", "New York", "Los Angeles", "San Francisco", "Chicago", "Boston", "Toronto",
    "Ottawa", "Peking", "Beijing", "Shanghai", "Hongkong", "Hong Kong", "Taipeh", "Taipei", "Tokio", "Tokyo",
    "Seoul", "Singapur", "Singapore", "Neu-Delhi", "New Delhi", "Mumbai", "Jerusalem", "Tel Aviv", "Kairo",
    "Cairo", "Dubai", "Nairobi", "Johannesburg", "Sydney", "Canberra", "Brasília", "Rio de Janeiro", "São Paulo",
    "Buenos Aires", "Mexiko-Stadt", "Mexico City",
)  # fmt: skip
# The role an outlet's staff byline prints after the outlet's name ("Adam Aaronson PhillyVoice Staff"): the name
# before "<outlet> <role>" is the author (matched case-blind; the outlet must be one of the page's own names).
OUTLET_STAFF_ROLES: tuple[str, ...] = (
    "Staff", "Staff Writer", "Staff Reporter", "Contributor", "Contributing Writer", "Correspondent", "Reporter",
    "Redaktion", "Redakteur", "Redakteurin",
)  # fmt: skip
# Separators between an author's name and the outlet's printed beside it ("unocero - Alberto Ávila",
# "Alberto Ávila | unocero"): the part that is one of the page's own names is cut.
NAME_OUTLET_SEPARATOR = r"\s+[-–—|｜]\s+"
AFFILIATION_ENDINGS: tuple[str, ...] = (
    "院长", "副院长", "所长", "主任", "教授", "研究员", "副研究员", "理事长", "会长", "秘书长", "主席", "总经理",
    "董事长", "总裁", "总监", "主编", "总编辑", "经济学家", "分析师", "首席", "博士", "学者", "专家", "高级工程师",
    "工程师", "讲师", "负责人", "创始人", "合伙人",
)  # fmt: skip
AFFILIATION_MIN_CHARS = 6  # shorter parts are a name's length: kept
# Characters that join an outlet to its channel in an author value ("新浪财经-自媒体综合"): an outlet, a joiner
# and more names a channel, not a person.
OUTLET_CHANNEL_JOINERS = "-－—_·|｜"
# Reporter roles an outlet's short name is glued to on a credit line ("采写：南都记者 余毅菁", "南都见习记者 林子沛"):
# the text glued right before one of these, after another role, is the outlet. (通讯员 is not listed:
# "记者张三通讯员李四" glues a reporter's name to it.)
OUTLET_GLUED_ROLES: tuple[str, ...] = ("记者", "见习记者", "特约记者", "首席记者", "实习记者")

_CJK_NAME = r"[\u4e00-\u9fff·]{2,5}"
_CJK_NAMES = rf"{_CJK_NAME}(?:[\s、,，/]+{_CJK_NAME})*"
# A news outlet named before its reporter on a byline: "《经济参考报》", "澎湃新闻", "21世纪经济报道".
_OUTLET = r"(?:《[^》]{1,20}》|[\u4e00-\u9fff\dA-Za-z]{0,14}?(?:" + "|".join(OUTLET_ENDINGS) + "))"
_REPORTER = r"特约记者|见习记者|首席记者|记者|通讯员"
# A reporter's name on an outlet's byline without a role word: a surname and one or two characters ("李文",
# "马晓华"); one name alone must be three characters long ("第一财经 马晓华"), since an outlet and a two-character
# word after it is more often a channel ("光明网 文化") than a reporter.
_SURNAME = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + COMMON_SURNAMES + "])"
_REPORTER_NAME = rf"{_SURNAME}[\u4e00-\u9fff]{{1,2}}"
REPORTER_NAME = _REPORTER_NAME  # (read by cleaning.lines: a name glued to a reporter role is a reporter's)
_LONE_REPORTER_NAME = (
    "(?:" + "|".join(COMPOUND_SURNAMES) + rf")[\u4e00-\u9fff]{{1,2}}|[{COMMON_SURNAMES}][\u4e00-\u9fff]{{2}}"
)
# An office or body named as a page's author ("绿建委秘书处", "研究院办公室", "中国建筑节能协会").
_CJK_OFFICE = r"[\u4e00-\u9fff]{1,14}?(?:" + "|".join(DOCUMENT_ISSUER_ENDINGS) + ")"
_LATIN_NAME = r"[A-Z][A-Za-z'’.-]+(?:\s+[A-Z][A-Za-z'’.-]+){0,3}"
_LATIN_NAMES = rf"{_LATIN_NAME}(?:\s*(?:,|and|&)\s*{_LATIN_NAME})*"
_BYLINE_LABEL = r"(?:By|Written by|Reported by|Story by|Words by)\s*[:：]?"
# The names on an English byline, read case-sensitively (the rules are not): "By contrast, …" names no one.
_BYLINE_NAMES = rf"(?-i:{_LATIN_NAMES})"
# A reading time printed next to a byline: "5 min read", "4 minute read", "6 mins read".
_READING_TIME = r"\d{1,3}\s*min(?:ute)?s?\.?\s+read\b"
# Where the reporter filed from, after the names: "By Zhao Yimeng in Shijiazhuang | China Daily | …".
_BYLINE_PLACE = r"(?-i:\s+(?:in|IN)\s+[A-Z][A-Za-z'’.-]+(?:\s+[A-Z][A-Za-z'’.-]+){0,2})"
# A date written out in English: Mar 05, 2024 04:46 PM / March 5, 2024 / 5 March 2024.
_EN_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_EN_MONTH_DATE = (
    rf"{_EN_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}(?:,?\s+\d{{1,2}}:\d{{2}}(?:\s*[AP]\.?M\.?)?)?"
    rf"|\d{{1,2}}\s+{_EN_MONTH},?\s+(?:19|20)\d{{2}}"
)
_DATE_LABEL = r"发布时间|发布日期|发表时间|发表日期|发文日期|成文日期|更新时间|更新日期|日期|时间"
_VIEWS_LABEL = (
    r"浏览量|浏览次数|浏览|阅读量|阅读数|阅读次数|阅读|点击量|点击数|点击率|点击|点阅次数|点阅数|点阅|访问量"
    r"|访问次数|人气"
)  # 点阅: Taiwan sites (點閱數), matched on the Simplified fold
# A view counter that prints no count to read: rounded to 万 / w / k ("阅读 1.6万", "1.6万阅读", "阅读量：2.3万",
# "阅读 10万+", "1.2w阅读"), or a 浏览人次 (Taiwan sites print the whole site's visitors so). Never body.
_ROUNDED_COUNT = r"\d[\d,]*(?:\.\d+)?\s*(?:万|亿|w|k)\+?"
_UNREAD_VIEW_COUNTER = (
    rf"(?:浏览人次|{_VIEWS_LABEL})\s*(?:次数|量)?\s*[:：]?\s*{_ROUNDED_COUNT}\s*次?"
    rf"|{_ROUNDED_COUNT}\s*(?:次|人次|人)?\s*(?:{_VIEWS_LABEL}|观看)"
    r"|浏览人次\s*[:：]?\s*\d[\d,]*\s*次?"
)
_EN_DATE_LABEL = (
    r"Release Time|Release Date|Released|Published on|Published at|Published|Publication Date|Publish Date|"
    r"Posted on|Posted at|Posted|Date|Updated on|Updated|Last updated|Time"
)
_DATEISH = (
    r"(?:\d|ago\b|yesterday|today|just now|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|"
    r"刚刚|昨天|前天|今天|上周|去年|[〇一二三四五六七八九十]+年)"
)
_IMAGE_EXT = r"jpe?g|png|gif|bmp|webp|svg|tiff?|heic"
# Where the next field of a metadata line starts: a label with its colon, a view count or a date. Fields
# printed in sibling elements with no space between them run together ("来源：X作者：王明",
# "来源：住房和城乡建设部2024/2/28 9:12"): a value stops here.
_NEXT_FIELD = (
    r"(?:信息来源|文章来源|稿件来源|稿源|来源|出处|作者|记者|撰稿|撰文|通讯员|责任编辑|编辑|责编|审核|校对|摄影|"
    rf"{_DATE_LABEL}|字号|字体|关键词|关键字|标签)\s*[:：]"
    rf"|(?:{_VIEWS_LABEL})\s*(?:次数|量)?\s*[:：]?\s*\d"
    r"|(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}"
)
_SOURCE_CHAR = rf"(?:(?!{_NEXT_FIELD})[^\s|｜【])"  # one character of a source value
# Names none of which holds the start of the next field ("王明 发布日期：" is 王明, not "王明 发布").
_NAME_BEFORE_FIELD = rf"(?:(?!{_NEXT_FIELD})[\u4e00-\u9fff·]){{2,5}}"
_NAMES_BEFORE_FIELD = rf"{_NAME_BEFORE_FIELD}(?:[\s、,，/]+{_NAME_BEFORE_FIELD})*"
# An author named on a date / source line ("来源：X  作者：王明  发布日期：..."), wherever it stands.
_AUTHOR_ON_META_LINE = (
    rf"(?=(?:.*?(?:作者|记者|撰稿|撰文|Author)\s*[:：]\s*"
    # names run into the next field, printed in a sibling element with no space: 作者：刘思远来源：… (tried
    # first, so "作者:王喆 李树林点击:1286" keeps both names rather than stopping at the space)
    rf"(?:(?P<author>{_NAMES_BEFORE_FIELD}|{_CJK_OFFICE})(?={_NEXT_FIELD})"
    rf"|(?P<author9>{_CJK_NAMES}|{_CJK_OFFICE}|{_LATIN_NAME})(?=[\s|｜,，;；)）】]|$)))?)"
)
# A numeric date with an optional time: 2024-08-20 10:32:15 / 2024年8月14日 / 2019-08-13T14:07+08:00.
# (The day's 日 is optional as a unit, so a time right after the day is still taken.)
_NUMERIC_DATE_TIME = (
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*[日号])?"
    r"(?:[T\s]*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?:\.\d+)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?"
)
# The value after a date label on a source / author line: one word, and a time if one follows.
_DATE_WORD_TIME = r"\S+(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
# Author, views and source named anywhere on a date / source line, captured by lookaheads from its
# start (the fields come in any order): "发布时间：… 作者：王明 来源：新华社 浏览次数：87".
_FIELDS_ON_META_LINE = (
    _AUTHOR_ON_META_LINE
    + rf"(?=(?:.*?(?:{_VIEWS_LABEL})\s*(?:次数|量)?\s*[:：]?\s*(?P<views>\d[\d,]*))?)"
    + rf"(?=(?:.*?(?:信息来源|文章来源|稿件来源|来源)\s*[:：]\s*(?P<source>{_SOURCE_CHAR}+))?)"
)
# Labelled fields a template printed with no value before the date ("来源:      | 发布时间: 2018-05-17 |
# 浏览次数: 2168", "来源： 作者： 发布时间：…"): the line is still a metadata line.
_EMPTY_FIELDS = r"(?:(?:信息来源|文章来源|稿件来源|来源|出处|作者|责任编辑|编辑)\s*[:：]\s*[|｜]?\s*)*"
# An official document number: 建标〔2022〕24号 / 国办发〔2021〕1号 / 京政办发[2022]3号
_DOCUMENT_NUMBER = r"[\u4e00-\u9fff]{1,12}\s*[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*第?\s*\d{1,5}\s*号"

# A WeChat article's header line as copied from the page: [原创] [author] account date [time] [IP region]
# ("原创 林晓 绿建材观察 2024年05月08日 09:30 北京"). The region is where the account posted from.
WECHAT_IP_REGIONS: tuple[str, ...] = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
    "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "内蒙古", "广西",
    "西藏", "宁夏", "新疆", "香港", "澳门", "台湾", "海外",
)  # fmt: skip
_WECHAT_NAME = r"[^\s|｜:：]{1,30}"
_WECHAT_DAY = r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
# The web view prints the region as "发表于北京" (js_ip_wording_wrp); older copies print the bare region.
_WECHAT_REGION = r"(?:发表于\s*)?(?:" + "|".join(WECHAT_IP_REGIONS) + ")"

# A portal's unlabelled dateline: a day with its time, and the outlet's name (人民网－人民日报, 中国日报网).
_DAY_AND_TIME = r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?\s*\d{1,2}:\d{2}(?::\d{2})?"
# (a reading-count or toolbar word after the time is not an outlet: 界面's "2024/03/05 10:21 阅读")
_OUTLET_NAME = (
    rf"(?!发布于|发表于|来自|来源|作者|(?:{_VIEWS_LABEL}|评论|收藏|分享|听新闻|字号|举报)$)"
    # it ends like an outlet (OUTLET_ENDINGS), so a schedule line "2024年4月25日 09:00 报到" stays article text
    r"[\u4e00-\u9fff\d][\u4e00-\u9fff\w·－()（）-]{0,23}?(?:" + "|".join(OUTLET_ENDINGS) + ")"
)

# (name, regex, kind, max_chars)
LINE_RULES: tuple[tuple[str, str, str, int], ...] = (
    # --- metadata lines: captured, then removed -----------------------------------------------
    (
        "meta.publish_line",  # 发布时间:2023-11-03    浏览量:1908   /  日期：2023年11月3日 来源：新华社
        # views and source may come in any order after the date: captured by lookaheads from the start
        rf"^{_FIELDS_ON_META_LINE}{_EMPTY_FIELDS}"
        rf"[【\[(（]?\s*(?:{_DATE_LABEL})\s*[】\])）]?\s*[:：]?\s*(?=.{{0,3}}{_DATEISH})"
        rf"(?P<date>.+?)(?=\s{{2,}}|\s*[|｜【]|\s*(?:{_VIEWS_LABEL}|来源|作者|编辑|字号|字体)|$)",
        "meta",
        160,
    ),
    (
        "meta.source_line",  # 来源：重庆市住建委  /  信息来源：新华网 2023-11-03 / Source: Xinhua
        rf"^{_AUTHOR_ON_META_LINE}[【\[(（]?\s*(?:信息来源|文章来源|稿件来源|英文来源|稿源|来源|出处|Source)\s*[】\])）]?\s*[:：|｜]\s*"
        rf"(?P<source>{_SOURCE_CHAR}+(?:\s[A-Za-z][^\s|｜【]*)*)"
        rf"(?:.*?(?:{_DATE_LABEL})\s*[:：]?\s*(?P<date>{_DATE_WORD_TIME}))?"
        rf"(?:.*?(?:{_VIEWS_LABEL})\s*[:：]?\s*(?P<views>\d+))?",
        "meta",
        160,
    ),
    (
        "meta.date_lead_line",  # 2024-08-20 10:32:15 来源：中国建设报 作者：刘晓 阅读：2,418 (date first)
        rf"^{_FIELDS_ON_META_LINE}"
        rf"(?P<date>{_NUMERIC_DATE_TIME})"
        rf"\s*(?=.*(?:来源|作者|记者|编辑|{_VIEWS_LABEL})\s*[:：])",
        "meta",
        160,
    ),
    (
        "meta.wechat_byline",  # 原创 林晓 绿建材观察 2024年05月08日 09:30 北京 / 绿建材观察 2024-05-08 09:30 广东
        # after 原创 the time and region are optional (older pages: 原创： 林晓 绿建材观察 昨天); without it both
        # are required, so a plain "name date" line is not read as an account. The lookahead names the words
        # one of which every match holds (原创 or a region at the end): lines without them skip the rule.
        rf"^(?=原创|.*\s{_WECHAT_REGION}$)(?:"
        rf"^原创\s*[:：]?\s*(?:(?P<author>{_WECHAT_NAME})\s+)?(?P<source>{_WECHAT_NAME})\s+"
        rf"(?P<date>{_WECHAT_DAY}(?:\s+\d{{1,2}}:\d{{2}})?|今天|昨天|前天|\d{{1,2}}\s*(?:小时|天)前)"
        rf"(?:\s+{_WECHAT_REGION})?$"
        # ... an account without an author may print its name twice ("绿色建筑在线 绿色建筑在线 2024-01-09 18:05")
        rf"|^(?:(?P<repeated>{_WECHAT_NAME})\s+(?=(?P=repeated)\s))?"
        rf"(?:(?P<author2>{_WECHAT_NAME})\s+)?(?P<source2>{_WECHAT_NAME})\s+"
        rf"(?P<date2>{_WECHAT_DAY}\s+\d{{1,2}}:\d{{2}})\s+{_WECHAT_REGION}$)",
        "meta",
        100,
    ),
    (
        "meta.wechat_repost_card",  # 以下文章来源于中国建设报 ，作者王琳: a WeChat repost's card naming the origin
        r"^以下文章来源于\s*(?P<origin>[^\s，,]{1,30})\s*(?:[，,]\s*作者\s*(?P<author>[^\s，,]{1,20}))?$",
        "meta",
        60,
    ),
    (
        # 本文来自微信公众号“能源新观察”（ID：nengyuan_xgc），作者：王琪，36氪经授权发布。 / 本文来自微信公众号：
        # 星海情报局 （ID：junwu233），作者：星海老局，题图来自：视觉中国 — a media site's note on where a repost
        # comes from (36氪, 虎嗅, 钛媒体…), at the top or the bottom of the text. The account is named after a
        # platform word or in quotes, so "本文来自一线调研" stays.
        "meta.repost_origin",
        r"^本文(?:来自|来源于|转载自|转自|转载于|首发于)\s*(?:"
        r"(?:微信公众号|公众号|微信号|网易号|百家号|头条号|搜狐号)\s*[:：]?\s*[“\"「『]?(?P<origin>[^”\"」』（(，,。\s]{1,30})[”\"」』]?"
        r"|[“\"「『](?P<origin2>[^”\"」』]{1,30})[”\"」』])"
        r"\s*(?:[（(]\s*ID\s*[:：]\s*[^)）]{1,40}[)）])?"
        r"\s*(?:[，,]\s*作者\s*[:：]?\s*(?P<author>[^\s，,。;；]{1,20}))?"
        r"(?:\s*[，,。;；].{0,60})?$",
        "meta",
        160,
    ),
    (
        "meta.dateline_outlet",  # 2024年03月12日 08:31 经济参考报 (Sina) / 中国日报网 2024-03-15 10:32: no labels
        # the date needs its time, and the outlet starts with a hanzi; "发布于北京" after the time is a region
        rf"^(?P<date>{_DAY_AND_TIME})\s+(?:(?:发布于|发表于|来自)\s*\S{{1,8}}|(?P<source>{_OUTLET_NAME}))$"
        rf"|^(?P<source2>{_OUTLET_NAME})\s+(?P<date2>{_DAY_AND_TIME})$",
        "meta",
        60,
    ),
    (
        "meta.author_lead_line",  # 作者：李明　来源：市建设局　发布时间：2023年12月5日　点击数：518 (the author first)
        rf"^{_FIELDS_ON_META_LINE}"
        rf"(?=(?:.*?(?:{_DATE_LABEL})\s*[:：]\s*(?P<date>{_DATE_WORD_TIME}))?)"
        # the author value may be anything short (an office, "admin", "张明、李华"): the labels after it make the line
        rf"[【\[(（]?\s*(?:作者|记者|撰稿|撰文)\s*[:：]\s*[^\s:：|｜]{{1,20}}(?:\s+|(?={_NEXT_FIELD}))"
        rf"(?=.*(?:来源|{_DATE_LABEL}|{_VIEWS_LABEL})\s*[:：])",
        "meta",
        160,
    ),
    (
        "meta.author_lead_line_en",  # Author: Li Wei | Source: MOHURD | Date: 2024-03-12 (English versions of
        # Chinese sites print their 作者/来源/日期 line so): the author first, then labelled fields
        r"^(?=(?:.*?\bSource\s*[:：]\s*(?P<source>[^|｜]+?)"
        r"(?=\s+(?:Date|Views?|Hits|Updated|Release|Published|Posted|Editor)\b|\s{2,}|\s*[|｜]|$))?)"
        r"(?=(?:.*?\b(?:Views?|Hits|Reads?|Page views)\s*[:：]\s*(?P<views>\d[\d,]*))?)"
        rf"(?=(?:.*?\b(?:{_EN_DATE_LABEL})\s*[:：]\s*(?P<date>.+?)"
        r"(?=\s{2,}|\s*[|｜]|\s+(?:Source|Views?|Hits|Author|Editor)\b|$))?)"
        rf"(?:Author|Writer|Reporter)\s*[:：]\s*(?P<author>{_BYLINE_NAMES})"
        r"(?=\s*[|｜,]|\s+(?:Source|Date|Views?|Hits|Editor|Release|Published|Posted|Updated)\b)"
        r"(?=.*\b(?:Source|Date|Release Time|Release Date|Published|Posted|Updated|Views?|Hits)\s*[:：])",
        "meta",
        160,
    ),
    (
        "meta.byline_lead_line",  # 文｜财新 陈雪 2024年07月02日 18:21 来源：财新网 (a byline, then the date or source)
        # ... and the outlet first: 经济观察网 记者 李紫宸 2024-03-05 10:21
        rf"^{_FIELDS_ON_META_LINE}"
        rf"(?=(?:.*?(?P<date>{_NUMERIC_DATE_TIME}))?)"
        rf"[【\[(（]?\s*(?:文\s*[:：|｜/]|(?:作者|(?:{_OUTLET}\s*)?(?:{_REPORTER}))\s*[:：|｜/]?)\s*(?P<author2>{_CJK_NAMES})\s+"
        rf"(?={_NUMERIC_DATE_TIME}|(?:信息来源|文章来源|稿件来源|来源)\s*[:：])",
        "meta",
        160,
    ),
    (
        "meta.outlet_byline",  # 第一财经 马晓华 李文: the outlet, then its reporters, no role word (the outlet is the
        # publisher when the page names none otherwise; the names are the author)
        rf"^(?P<outlet>{_OUTLET})\s+(?P<author>{_REPORTER_NAME}(?:\s+{_REPORTER_NAME}){{1,3}}|{_LONE_REPORTER_NAME})$",
        "meta",
        40,
    ),
    (
        "meta.release_time",  # Release Time3 months ago / Published: March 3, 2024 / Posted on 2024-03-03
        # ... and "Release Date: 2023-09-15 Source: Guangzhou Housing Bureau Views: 1,203"
        rf"^{_AUTHOR_ON_META_LINE}"
        r"(?=(?:.*?\b(?:Views?|Hits|Reads?|Page views)\s*[:：]?\s*(?P<views>\d[\d,]*))?)"
        r"(?=(?:.*?\bSource\s*[:：]\s*(?P<source>[^|｜]+?)"
        r"(?=\s+(?:Views?|Hits|Reads?|Author|By|Editor|Updated)\b|\s{2,}|\s*[|｜]|$))?)"
        # ... WordPress's "Posted on March 5, 2024 by Sarah Lin" (the name may be followed by "in Category")
        rf"(?=(?:.*?\s(?-i:by|By)\s+(?P<author2>{_BYLINE_NAMES})(?=\s*(?:[|｜·•,]|\s(?-i:in)\s|{_READING_TIME}|$)))?)"
        rf"(?:{_EN_DATE_LABEL})\s*[:：-]?\s*(?=.{{0,12}}{_DATEISH})"
        r"(?P<date>.+?)(?=\s{2,}|\s*[|｜]|\s+(?:Source|Views?|Hits|Reads?|Author|By|Editor)\b|$)",
        "meta",
        160,
    ),
    (
        "meta.document_number",  # 建标〔2022〕24号 / 发文字号：国办发〔2021〕1号: under a notice's title, not it
        rf"^(?:(?:发文字号|文号|发文编号)\s*[:：]\s*)?(?P<document_number>{_DOCUMENT_NUMBER})$",
        "meta",
        40,
    ),
    (
        "meta.views",  # 浏览量：1908 / 阅读 1,234 / Views: 87
        rf"^(?:{_VIEWS_LABEL}|Views?|Page views|Hits|Reads?)\s*[:：]?\s*(?P<views>[\d,]+)\s*(?:次|views?|reads?)?$",
        "meta",
        40,
    ),
    (
        "meta.views_unread",  # 阅读 1.6万 / 1.6万阅读 / 阅读量：2.3万 / 瀏覽人次：1234: removed, no count read
        rf"^(?:{_UNREAD_VIEW_COUNTER})$",
        "meta",
        30,
    ),
    (
        "meta.date_line",  # a line that is only a date: 2022-06-20 13:36 / 2024年8月14日 / March 3, 2024
        rf"^[【\[(（]?\s*(?P<date>{_NUMERIC_DATE_TIME}"
        r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}"
        r"(?:,?\s+\d{1,2}:\d{2}(?:\s*[AP]\.?M\.?)?(?:\s*(?:GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?)?"
        r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(?:19|20)\d{2}"
        r"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)\s*[】\])）]?"
        # ... with the update note Reuters runs into it: "September 10, 2024 6:12 AM GMT+8Updated 2 months ago"
        r"(?:\s*Updated\s+(?:\d{1,3}|an?)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago)?"
        # ... and a reading time after it: "September 25, 2024 | 4 min read" / "2024-08-14 · 阅读约5分钟"
        r"(?:\s*[|｜·•]\s*(?:\d{1,3}\s*(?:-|to)?\s*\d{0,3}\s*(?:min(?:ute)?s?\.?\s*read|分钟阅读)|阅读约?\s*\d{1,3}\s*分钟))?"
        # ... and a view counter after it: "2024-03-05 10:21 阅读 1.6万" / "2024-03-05 10:21 阅读 1234"
        rf"(?:\s*[|｜·•]?\s*(?:{_UNREAD_VIEW_COUNTER}|(?:{_VIEWS_LABEL})\s*[:：]?\s*(?P<views>\d[\d,]*)\s*次?))?$",
        "meta",
        60,
    ),
    (
        "meta.relative_date_line",  # a line that is only a relative date: 3天前 / 刚刚 / 2 hours ago / 昨天 14:05
        r"^(?P<date>(?:\d{1,3}|[一二三四五六七八九十两几]{1,3})\s*(?:秒钟?|分钟|个?小时|天|周|个?星期|个月|年)前"
        r"|刚刚|刚才|今天|昨天|前天|上周|上个月|去年|just now|today|yesterday|last week|last month|last year"
        r"|(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
        r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago)"
        r"(?:\s+\d{1,2}:\d{2})?$",
        "meta",
        30,
    ),
    # --- credits: author / editor lines ----------------------------------------------------------
    (
        "credit.editor",  # 责任编辑：李四 / (责任编辑：XXX) / 编辑：王五 审核：赵六 / Edited by A and edited by B
        # ... after a 【纠错】 button on the same line: 【纠错】【责任编辑:赵文涵】
        r"^(?:[【\[]\s*(?:我要)?纠错\s*[】\]]\s*)?"
        r"[【\[(（]?\s*(?:责任编辑|值班编辑|网络编辑|编辑|责编|审核|审校|审稿|校对|终审|初审|复审|二审|三审|签发|监制"
        r"|翻译\s*[&＆和/]\s*编辑|翻译|编译|译者)"  # bilingual pages credit the translator: 翻译&编辑：丁一
        r"\s*[:：|｜/]\s*\S"
        r"|^(?:Edited by|Reviewed by|Proofread by|Editors?\s*:)\s*[A-Z]",
        "credit",
        80,
    ),
    (
        "credit.author",  # 本报记者 张三 李四 / 记者：张三 / 作者：张三 / 文/张三 / 文 | 张三 / By Jane Doe
        # ... and the outlet first: 澎湃新闻记者 邹娟 / 《经济参考报》记者 王璐; 作者 needs a separator ("作者最新文章")
        # (the outlet form with a separator before the name: "新华社记者看河北" is a column's name). The lookahead
        # names the words one of which every match holds: a line without any skips the rule.
        r"^(?=.*?(?:记者|通讯员|作者|撰稿|撰文|采写|文|By|Author|Reporter|Correspondent|writer|journalist))(?:"
        # ... after a bullet ("□ 本报记者 王拓") or 文/ ("文/南方日报记者 黄叙浩 通讯员 粤建宣"), and with the
        # other credits after the names ("作者：马晓华 责编：郑鸿杰", "记者：王琳 编辑：李华 审核：张强")
        rf"(?:[□■●◆]\s*)?[【\[(（]?\s*(?:(?:本报记者|本报通讯员|特约记者|见习记者|记者|通讯员)\s*[:：|｜/]?"
        rf"|(?:(?:文\s*[/／|｜]\s*)?(?P<outlet>{_OUTLET})\s*(?:{_REPORTER})|作者|撰稿|撰文|采写)\s*(?:[:：|｜/]|\s))\s*"
        rf"(?P<author>{_CJK_NAMES})(?:\s*[,，;；]?\s*(?:通讯员|实习生|见习记者|记者|摄影|责任编辑|编辑|责编|审核|校对)"
        rf"\s*[:：]?\s*{_CJK_NAMES})*"
        r"\s*[】\])）]?$"
        rf"|^[【\[(（]?\s*文\s*[:：|｜/]\s*(?P<author2>{_CJK_NAMES})\s*[】\])）]?$"
        # ... English, with fields after the names: "By A and B | China Daily | Updated: 2024-03-05 07:22",
        # "By A / Mar 05, 2024 04:46 PM / Environment": the outlet before a dated field and the date are captured
        rf"|^{_BYLINE_LABEL}\s+(?P<author3>{_BYLINE_NAMES}){_BYLINE_PLACE}?"
        rf"(?:\s*[|｜]\s*(?P<source>[^|｜\d]{{2,40}}?)(?=\s*[|｜]\s*(?:{_EN_DATE_LABEL})\b))?"
        rf"(?=(?:.*?(?:[|｜·•/]|\s[-–—]\s)\s*(?:(?:{_EN_DATE_LABEL})\s*[:：]?\s*)?"
        rf"(?P<date>{_NUMERIC_DATE_TIME}|{_EN_MONTH_DATE}))?)"
        # ... or with the date after "on": "By Jane Slaughter on Thu, Nov 9, 2023 at 4:00 am"
        rf"\s*(?:(?:[,|｜·•/]|\s[-–—]\s|(?-i:on)\s+(?=(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)|{_EN_MONTH}|\d)).*)?"
        # ... or a reading time run on from the names: "By Jane Doe 5 min read" (its own element, no separator)
        rf"(?:\s*{_READING_TIME}.*)?$"
        rf"|^(?:Author|Authors|Reporter|Reporters|Correspondent)\s*[:：]\s*(?P<author4>{_LATIN_NAMES}|{_CJK_NAMES})\s*$"
        rf"|^(?:[A-Z][\w&'’.-]*\s+){{0,5}}(?:reporters?|correspondents?|staff writers?|journalists?)\s+"
        rf"(?P<author5>{_LATIN_NAMES})\s*$)",
        "credit",
        80,
    ),
    (
        "credit.empty",  # 责任编辑： / 编辑： — a credit label whose name the page left blank
        r"^[【\[(（]?\s*(?:责任编辑|值班编辑|网络编辑|编辑|责编|审核|校对|作者|记者|来源|Editor|Author|Source)\s*[:：]\s*[】\])）]?$",
        "drop",
        20,
    ),
    # --- images ------------------------------------------------------------------------------
    (
        "image.placeholder",  # [图片] / 【图片】 / （图） / [Image] / [Photo]: a picture left out of the text
        r"^[\[【(（]\s*(?:图片|图像|图|配图|视频|Image|Picture|Photo|Video)\s*[\]】)）]$"
        r"|^(?:图片|图像|配图)$"  # a picture's alt text, as a WeChat or CMS copy prints it on its own line
        r"|^[\[(]\s*(?:Photos?|Images?|Videos?)\s*/\s*[^\]/)]{1,30}[\])]$"  # [Photo/VCG] [Photo/Xinhua]
        r"|^[\[(]\s*(?:Photos?|Images?) provided to [^\])]{1,30}[\])]$",  # [Photo provided to China Daily]
        "drop",
        50,
    ),
    (
        "image.credit",  # 图片来源：网络 / （图源：新华社） / Photo credit: Xinhua / Image: Getty Images
        r"^[\[【(（]?\s*(?:图片来源|图片提供|图片作者|图源|配图来源|题图来源|"
        r"Photo credits?|Image credits?|Image source|Photo|Image|Picture)\s*[:：]\s*[^。！？.!?]{1,30}[\]】)）]?$",
        "drop",
        40,
    ),
    (
        "image.file",  # 111.jpg / IMG_0012.png / 图片1.jpeg
        rf"^[\[【(（]?\s*(?P<src>[^\s/\\<>\"']{{1,80}}\.(?:{_IMAGE_EXT}))\s*[\]】)）]?$",
        "image",
        90,
    ),
    (
        "image.gallery_caption",  # Reuters: "Item 1 of 2 A worker walks…" / "[1/2]A worker walks… Purchase Licensing…"
        r"^Item \d{1,2} of \d{1,2}\s|^\[\d{1,2}/\d{1,2}\]\s*\S",
        "drop",
        400,
    ),
    # --- navigation and page widgets -----------------------------------------------------------
    (
        "nav.search",  # Search... / Search for: / Type and hit enter / 请输入关键字 搜索 / 站内搜索
        r"^(?:Search(?: this site| the site| for| here)?|Type (?:and hit enter|to search)|Enter (?:your )?keywords?|"
        r"站内搜索|全站搜索|搜索|请输入(?:您要搜索的)?(?:关键字|关键词|搜索内容|搜索关键词|内容))"
        r"\s*(?:\.{2,}|…)?\s*[:：]?\s*(?:搜索|Search|Go)?$",
        "drop",
        40,
    ),
    (
        "nav.print_close",  # 【打印本页】【关闭窗口】【字体：大 中 小】 / [打印] [关闭]
        r"^(?:\s*[【\[]\s*(?:打印本页|打印文章|打印此页|打印|关闭窗口|关闭本页|关闭|字体|字号|收藏本页|收藏|加入收藏|"
        r"返回顶部|返回|大|中|小|默认|保存|分享|纠错)[^】\]]*[】\]]\s*)+$"
        r"|^字[体号]\s*[:：]\s*[大中小默认\s|]+$",
        "drop",
        120,
    ),
    (
        "nav.cookie_notice",  # We use cookies to improve your experience… / Accept all cookies / Cookie settings
        r"^(?:We|This (?:web)?site|Our (?:web)?site|This page) (?:uses?|stores?) cookies\b"
        r"|\bBy clicking [\"“]?Accept(?: all)?(?: cookies)?[\"”]?,? you (?:agree|consent)"
        r"|^(?:Accept(?: all)?(?: cookies)?|Reject all(?: cookies)?|Allow all(?: cookies)?|Cookie settings|"
        r"Cookies? (?:policy|preferences|settings)|Manage (?:cookies|preferences)|Necessary cookies only)$",
        "drop",
        400,
    ),
    (
        "nav.cookie_notice_intl",  # the same notice in the other languages pages print it in: 本网站使用Cookie…,
        # Cookies erleichtern die Bereitstellung unserer Dienste…, Diese Website verwendet Cookies…, Ce site utilise
        # des cookies…, Este sitio web utiliza cookies…
        r"^(?:本网站|本站|本网|我们|网站)(?:会|将)?(?:使用|采用)\s*(?i:cookies?)"
        r"|^(?:Cookies (?:erleichtern|helfen uns)"
        r"|Diese (?:Website|Webseite|Internetseite|Seite) (?:verwendet|nutzt|benutzt) Cookies"
        r"|Wir (?:verwenden|nutzen|setzen) (?:auf (?:dieser|unserer) (?:Web)?[Ss]eite )?Cookies"
        r"|Ce site (?:web )?utilise des cookies|Nous utilisons des cookies"
        r"|Este (?:sitio|portal)(?: web)? (?:utiliza|usa) cookies|Utilizamos cookies"
        r"|Questo sito (?:web )?utilizza (?:i )?cookie)\b",
        "drop",
        400,
    ),
    (
        "nav.newsletter",  # Subscribe to our newsletter / Get the latest research delivered to your inbox.
        r"^(?:Subscribe to (?:our|the) (?:free )?(?:newsletters?|mailing list)|"
        r"Sign up (?:for|to) (?:our|the) (?:free )?newsletters?|Subscribe|Sign up|Subscribe now|"
        r"Get (?:the latest|our)\b.{0,80}\b(?:delivered )?(?:to|in) your inbox)\W*$",
        "drop",
        160,
    ),
    (
        "nav.most_read",  # Most Read from Bloomberg / Most Viewed in 24 Hours: a list's label, wherever it sits
        r"^(?:Most (?:Read|Viewed|Popular|Shared)|Trending)(?: (?:from|on|in|at) .{1,40}| Stories| Now)?$",
        "drop",
        60,
    ),
    (
        "nav.like_button",  # Jetpack's "Like this:" / "Like Loading..." under a WordPress post
        r"^(?:Like this:?|Like Loading\s*(?:\.{3}|…)|Loading\s*(?:\.{3}|…))$",
        "drop",
        20,
    ),
    (
        "nav.advertisement",  # Advertisement / 广告 / Sponsored: an ad slot's label inside the article
        r"^[\[【(（]?\s*(?:Advertisement|Advertising|Sponsored(?: content)?|Ad|Ads|广告|推广|赞助内容)\s*[\]】)）]?$",
        "drop",
        25,
    ),
    (
        "nav.read_more",  # Read more: How heat pumps are reshaping... / 延伸阅读：… / See also: … (a link, not text)
        r"^[【\[(（]?\s*(?:Read more|Read also|Also read|See also|Related|Recommended|"
        r"延伸阅读|相关阅读|相关链接|推荐阅读)\s*[】\])）]?\s*[:：]\s*\S.{0,120}$",
        "drop",
        140,
    ),
    (
        "nav.prev_next",  # 上一篇：... / 下一篇：... / Previous: ... / Next article
        r"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页"
        r"|Previous(?: article| post| story)?|Next(?: article| post| story))"
        r"\s*(?:[:：>»].*)?$",
        "drop",
        150,
    ),
    (
        "nav.share",  # 分享到：/ 扫一扫 / 微信公众号 / Share | Print | Tweet | Email this
        r"^(?:分享到|分享至|分享|一键分享|扫一扫|微信扫一扫|扫描二维码|用微信扫描|手机扫码|手机阅读|微信公众号|"
        r"关注我们|微信|微博|QQ空间)\s*[:：]?\s*(?:\S.{0,30})?$"
        r"|^(?:(?:Share|Print|Tweet|Email|E-mail|Facebook|Twitter|X|WeChat|Weibo|LinkedIn|WhatsApp|Copy link)"
        # ... China Daily's share bar as copied: "Share - WeChat"
        r"(?:\s+(?:this|on|to))?(?:\s+(?:article|page|story|post|link|Facebook|Twitter|WeChat))?\s*[:|/·,\-–—]?\s*)+$",
        "drop",
        60,
    ),
    (
        "nav.back_to_top",
        r"^(?:返回顶部|回到顶部|返回首页|返回列表|返回上一页"
        r"|TOP|Back to top|Go to top|Return to top)\s*[↑^]?$",
        "drop",
        20,
    ),
    (
        "nav.page_number",  # a printed page's number in a converted PDF or Word file: - 2 - / — 3 — / 第2页 共5页
        r"^(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d{1,3}\s*页)?"
        r"|Page\s+\d{1,3}\s+of\s+\d{1,3})$",
        "drop",
        20,
    ),
    (
        "nav.breadcrumb",  # 首页 > 新闻 > 行业动态 / 当前位置：首页 » 通知公告 / Home > News
        r"^(?:(?:当前位置|您的位置|您现在的位置|现在位置|所在位置|位置|You are here)\s*[:：]?\s*)?"
        r"(?:首页|主页|网站首页|Home)\s*(?:[>»›＞→/]|&gt;)\s*(?P<trail>.*)$"
        r"|^(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]\s*(?P<trail2>.*)$",
        "drop",
        120,
    ),
    (
        "nav.language_bar",  # built from LANGUAGE_NAMES by the engine: the placeholder is replaced
        "{language_bar}",
        "drop",
        400,
    ),
    (
        "nav.paywall",  # To view the full story, please subscribe / already a subscriber? log in / 登录后阅读全文
        r"(?:please|to)\s+(?:subscribe|log ?in|sign ?in|register)\s+(?:to|for)\s+(?:view|read|continue|access|unlock)"
        r"|to (?:view|read|continue reading|access|unlock) (?:the|this) (?:full|entire|whole|rest of the)"
        r" (?:story|article)"
        r"|already an? (?:subscriber|member)|(?:登录|订阅|付费)后(?:即可)?(?:阅读|查看)(?:全文|完整内容)",
        "drop",
        200,
    ),
    (
        "nav.report_feedback",
        r"^(?:Report\s*/\s*Feedback|Feedback\s*/\s*Report|Report|Feedback|Report an error|Corrections?|纠错|我要纠错|"
        r"举报|意见反馈|信息纠错|Comments?\s*\(\d*\))$",
        "drop",
        30,
    ),
    (
        "nav.menu",  # a line of short menu entries: 首页 | 关于我们 | 新闻中心 | 联系我们
        r"^(?:首页|网站首页|Home)(?:\s*[|｜·/]\s*\S{1,8}){2,}$|^(?:\S{1,8}\s*[|｜]\s*){3,}\S{1,8}$",
        "drop",
        120,
    ),
    (
        "nav.site_links",  # 添加收藏夹 | 设为首页 | 关于我们 / | 关于我们 / About us | Contact us | Sitemap
        r"^(?:\s*[|｜·/]?\s*(?:设为首页|加入收藏夹?|添加收藏夹?|收藏本站|关于我们|联系我们|网站地图|网站导航|手机版|无障碍|"
        r"About us|Contact us|Sitemap|Site map)\s*[|｜·/]?)+$",
        "drop",
        80,
    ),
    (
        # （本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP） / 更多专业报道，请点击下载“界面新闻”APP /
        # 下载APP，阅读更多精彩内容: the outlet's app promotion (not "市民可下载…APP领取碳积分", which names a subject)
        "nav.app_promo",
        r"^[（(【\[]?\s*(?:本文来自[^，,。]{1,20}[，,]\s*)?(?:更多[^，,。]{0,12}[，,]?\s*)?(?:请|欢迎)?(?:点击|扫码|立即)?"
        r"(?:下载|打开)[^，,。]{0,12}?(?:APP|客户端)(?:[，,][^。]{0,20})?\s*[)）】\]]?[。！!]?$",
        "drop",
        60,
    ),
    # --- footers -----------------------------------------------------------------------------
    (
        "nav.disclaimer_label",  # a bare 免责声明： / 特别声明 / Disclaimer heading (the statement itself stays)
        r"^[【\[]?\s*(?:免责声明|特别声明|版权声明|法律声明|Disclaimer)\s*[】\]]?\s*[:：]?$",
        "drop",
        20,
    ),
    (
        "footer.rights_notice",  # …All rights reserved. The content … belongs to X. Without written authorization …
        r"(?:All rights reserved|版权所有).{0,300}?(?:shall not be (?:republished|reproduced|used)|"
        r"may not be (?:reproduced|republished|copied)|不得(?:转载|复制|使用))"
        # 中国日报网英语点津版权说明：凡注明来源为…的原创作品…不得非法盗链、转载和使用 / 凡本网注明…未经授权不得转载
        r"|^(?:\S{0,20}版权(?:说明|声明)\s*[:：]|凡本(?:网|站)注明).{0,300}?(?:不得|禁止|严禁)(?:非法)?(?:转载|盗链|复制)"
        # 此内容为第一财经原创，著作权归第一财经所有。未经第一财经书面授权，不得以任何方式加以使用…
        r"|(?:版权|著作权)均?归.{1,30}?所有.{0,60}?未经.{0,40}?授权.{0,10}?(?:不得|严禁|禁止)"
        # 【版权声明】本文为北极星电力网原创，转载请注明出处。 / 本文为界面新闻原创，未经授权不得转载。
        r"|^[【\[]?\s*版权(?:声明|说明)\s*[】\]]?\s*[:：]?.{0,200}?(?:转载请|转载须|转载需|如需转载)"
        r"|^本文(?:系|为).{1,30}?原创.{0,30}?(?:转载请|转载须|转载需|如需转载|未经.{0,10}?授权|禁止转载|不得转载|严禁转载)",
        "footer",
        400,
    ),
    (
        # 特别声明：以上内容…为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。
        "footer.platform_statement",
        r"仅提供信息存储(?:空间)?服务|only provides information storage services?",
        "footer",
        300,
    ),
    (
        "footer.infringement_notice",  # （本文来源于网络，如有侵权请联系删除）: the site's notice, not the article
        r"(?:如有侵权|若有侵权|如涉及侵权|如涉侵权|如有版权问题).{0,20}(?:删除|联系)",
        "footer",
        200,
    ),
    (
        "footer.opinion_disclaimer",  # （本文内容仅代表作者观点，与中国建材网无关…） / 不代表本网立场
        r"仅代表(?:原?作者)(?:本人|个人)?的?(?:观点|看法|立场)|不代表本(?:网|站|平台|刊|号)的?(?:观点|立场)|与本(?:网|站)无关"
        r"|^The views expressed (?:in this (?:article|piece) )?are (?:those of the author|the author's own)",
        "footer",
        300,
    ),
    (
        "footer.forward_looking",  # a listed company's safe-harbor notice: "This press release contains forward-looking
        # statements. These statements constitute …" (a legal trailer, after the release's own text)
        r"^(?:(?:This|The) (?:press|news|earnings) release|This announcement"
        r"|Certain statements in this (?:press |news )?release)\b"
        r"[^.]{0,80}?\bforward[- ]looking (?:statements|information)",
        "footer",
        400,  # the longest a rule may judge (MAX_RULE_LINE_CHARS): a longer notice stays, unless a heading ends it
    ),
    (
        "footer.wire_credit",  # Reporting by Colleen Howe and David Stanway; Editing by Tom Hogue (ends a wire story)
        r"^(?-i:(?:Additional )?(?:Reporting|Writing|Editing) by) [A-Z][^.!?。]{1,200}$",
        "footer",
        240,
    ),
    (
        "footer.wire_notice",  # Reuters prints these under every story
        r"^Our Standards:\s*The Thomson Reuters Trust Principles|^All quotes delayed a minimum of \d+ minutes",
        "footer",
        200,
    ),
    (
        "footer.related",  # 相关阅读 / 相关新闻 / Related articles: everything after is a link list
        r"^[【\[]?\s*(?:相关阅读|相关新闻|相关文章|相关链接|相关报道|延伸阅读|推荐阅读|猜你喜欢|热门文章|热点推荐|"
        r"Related (?:articles|news|stories|posts|content|links|reading)|Read more|More news|More stories|"
        r"You may also like|Recommended)\s*[】\]]?\s*[:：]?$",
        "footer",
        40,
    ),
    (
        "footer.copyright",  # CopyRight © 2024 重庆市绿色建筑与建筑产业化协会 版权所有 / Copyright © 2024 Xinhua.
        r"^(?:Copyright|©|\(c\))\s*(?:©|\(c\))?\s*(?:(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)\d{2})?)?\s*[,，.。]?\s*"
        # (the holder is neither a year nor the rights clause: "Copyright 1995 - 2024. All rights reserved.")
        r"(?P<holder>(?!(?:19|20)\d{2}\b|All rights reserved)(?:[^\W_]|《)[^|｜©]*?)"
        r"\s*[.。,，]?\s*(?:版权所有|All rights reserved\.?|保留所有权利|,?\s*Ltd\.)?"
        r"\s*(?:(?:\s{2,}|[|｜]|\s+(?=备案|ICP|技术支持|地址|电话)).*)?$"
        r"|^(?:版权所有|主办单位及版权所有)\s*[:：©]?\s*(?:©\s*)?(?:(?:19|20)\d{2}\s*)?(?P<holder2>[^\s|｜©]+)"
        # 2024 © 机电工程署 (Hong Kong government departments print the year first)
        r"|^(?:19|20)\d{2}\s*©\s*(?P<holder4>[^|｜©\d][^|｜©]*?)\s*$"
        r"|^(?P<holder3>[^\s|｜©]+?)\s*(?:版权所有|All rights reserved)"
        r"|^(?P<holder5>[\u4e00-\u9fff][^\s|｜©]*?)\s*(?:Copyright\b|©)"  # 财团法人台湾建筑中心 Copyright © 2024 …
        r"|All rights reserved|版权所有|未经授权.{0,10}(?:转载|复制)|不得转载",
        "publisher",
        200,
    ),
    (
        "footer.icp",  # 备案号:渝ICP备14007730号-1 渝公网安备50011202500489号 / 京ICP证030173号
        r"ICP\s*[备证]|ICP\s*(?:license|备案)|备案号|备案编号|网站备案|公网安备|网安备|增值电信业务经营许可证",
        "footer",
        200,
    ),
    (
        "footer.site_info",  # 技术支持：维尔斯科技 / 主办单位：... / 网站标识码 / Powered by
        r"^(?:技术支持|主办单位|主办|承办单位|承办|协办单位|协办|主管单位|主管|运营维护|网站维护|维护单位|建设维护|"
        r"网站建设|网站设计|制作单位)\s*[:：]"
        r"|网站标识码|^(?:Powered by|Designed by|Site by|Hosted by)\b",
        "footer",
        200,
    ),
    (
        "footer.contact",  # 地址:... 联系电话:... / 电话 / 传真 / 邮编 / Email: / Tel:
        r"^(?:地址|通讯地址|联系地址|单位地址|办公地址|联系电话|电话|咨询电话|服务热线|热线|传真|邮编|邮政编码|"
        r"联系邮箱|电子邮箱|邮箱|投稿邮箱|联系我们|联系人|E-?mail|Tel|Telephone|Fax|Phone|Address|Contact us|Zip)"
        r"\s*[:：](?!.*[。.]$)",  # a contact sentence ending in a full stop belongs to the article
        "footer",
        200,
    ),
    (
        "footer.qr_follow",  # 扫码关注公众号 / 关注官方微信 / Follow us on WeChat
        r"^(?:扫码关注|扫一扫关注|扫描关注|长按(?:识别)?二维码|关注(?:我们的|官方)?(?:微信)?公众号|关注官方微信|"
        r"官方微信|官方微博|微信二维码|Follow us(?: on \w+)?|Scan (?:the )?QR code)",
        "footer",
        40,
    ),
)

# Screen-reader text that link markup adds to a link's words, not what the article says: Reuters' ", opens new
# tab", "(opens in a new window)", Drupal's "(link is external)". Cut wherever it appears in a line (case-blind);
# each pattern must hold one of LINK_NOTE_WORDS (a line without any is not searched).
LINK_NOTE_PATTERNS: tuple[str, ...] = (
    r",\s*opens?\s+(?:in\s+)?(?:an?\s+)?new\s+(?:tab|window)\b",
    r"\s*[(\[]\s*opens?\s+(?:in\s+)?(?:an?\s+)?new\s+(?:tab|window)\s*[)\]]",
    r"\s*[(\[]\s*(?:link\s+is\s+external|external\s+link)\s*[)\]]",
)
LINK_NOTE_WORDS: tuple[str, ...] = ("new tab", "new window", "external")
# Pieces one of which every word of LINK_NOTE_WORDS holds, in both cases: a line without any is not even lower-cased.
LINK_NOTE_SCREEN: tuple[str, ...] = ("ew", "EW", "xternal", "XTERNAL")

# Lines longer than this are article text, whatever rule they resemble.
MAX_RULE_LINE_CHARS = 400
