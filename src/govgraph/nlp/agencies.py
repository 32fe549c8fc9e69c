"""Agencies and organisations: names ending in a function head (…局, …委员会,
派出所, …公司, …医院), composed from the LAC words before the head
(苏仙区 + 自然资源和规划局), with verbs the tagger swallows trimmed
(联合县水利局 -> 县水利局), plus LAC's ORG words."""

import bisect
import re

from spacy.language import Language

from ..gazetteers.divisions import load_divisions
from .candidates import CJK, TERM, Cand, add_candidates, alternation, doc_text, naming, tagged

# LAC tags a name part can carry
_NAMEY = {"LOC", "ORG", "n", "nz", "vn", "j", "an", "nw", "s", "PER"}
# what a cooperative or firm does, in its name, that the tagger reads as a verb (X村种养|专业合作社)
_TRADES = {"种", "养", "种养", "种植", "养殖", "加工", "销售", "营销", "运销", "购销"}
_LEVEL_CHARS = ("省", "州", "市", "县", "区")  # 县|十八届|人大: the county's congress, whatever its term
_DOERS = {"村民", "居民", "市民", "群众", "百姓", "老百姓", "企业", "职工", "学生", "农民", "乡村", "农村", "个人", "家长"}
_BY_RULES = ("规则", "规律", "规矩", "规定", "程序", "制度", "法律", "法规", "政策", "原则", "要求")
_WHICHEVER_PLACE = ("户籍地", "居住地", "所在地", "停留地", "发生地", "属地", "原籍地", "经营地", "注册地", "登记地",
                    "住所地", "就业地", "参保地", "就医地", "当地", "异地", "外地", "本地")
_FORMER_COMMITTEE = re.compile("原(?:党委|党组|党总支|党支部|党工委|纪委)$")
_GLUED_JOINT = re.compile("联合|联手|携手|会同|协同")
_STOP_WORDS = {"等", "各", "全", "该", "本", "我", "有关", "相关", "其", "和", "与", "及", "或", "的", "是", "在", "原", "新", "中"}
# bodies that make "…局/部/办" a common word, not a name (格局, 全部, 经办)
_GENERIC_BODY = re.compile(r"^(?:[大格布结开当内外干全局东西南北中底顶头腹]|.*(?:该|各|全部|部分|经|承|主|举|创|开|督|交|代|帮|通|包|领|协|快|马上|一次|窗口))$")
_DEICTIC = tuple("全各该本我此这年")
# an indefinite description inside a name: 浙江余杭区一家物流公司 is some company, not a named one
# 各: 某市各县市区交警大队 is many bodies; 两地公安: the police of both places
_INDEFINITE = re.compile("一家|一个|一所|一批|某|各|[两三多数]地")
# kinds of school or company, not names (普惠性幼儿园, 普通高等学校, 民办学校)
_KIND_ONLY = re.compile("(?:普惠性|普惠|普通|公办|民办|高等|中等|职业|中小|大中小|乡镇|农村|城市|寄宿制|新建|定点|国有|民营|私营|外资"
                        "|村级|村|社区|集体经济|股份经济|集体)+")  # 村集体经济合作社: every village has one
_CPPCC_TERM = re.compile(f"政协(?:{TERM.pattern})?")
_COMMITTEE_DEPARTMENT = re.compile(r"((?:中共)?[\u4e00-\u9fff]{0,10}?[省市州县区]委)常委、(宣传部|组织部|统战部|政法委)")
_JOINERS = ("与", "和", "及", "同")
_DEPUTY = re.compile("(?:人大|政协|党代会)(?:代表|委员)")
_SCHOOL_HEADS = ("大学", "中学", "小学", "学校", "学院")
_NEWS_APP = re.compile(r"(?:日报|晚报|报社|电视台)([\u4e00-\u9fff]{1,3}新闻)(?=记者|客户端|App|APP)")
# functions whose provincial department is a 厅 (the others keep 局 or 委: 医保局, 卫健委)
_PROVINCE_TING = {"民政", "人社", "人力资源和社会保障", "财政", "教育", "公安", "司法", "交通运输", "交通", "住建",
                  "住房和城乡建设", "自然资源", "生态环境", "农业农村", "水利", "商务", "文旅", "文化和旅游", "审计",
                  "应急管理", "应急", "退役军人事务", "工信", "科技"}
# what may stand before a bare level character (与市人社系统): anything else makes it part of a
# word (城市, 各区县, 民族地区, 全市: the sector everywhere, not one body)
_CJK = re.compile(f"[{CJK}]")
_CONNECTORS = set("与和及同跟在对向由为将把被、")
# functions that the municipalities run as commissions (北京市教育委员会, 上海市住房和城乡建设管理委员会)
_MUNICIPAL_COMMISSIONS = {"教育", "住建", "住房和城乡建设", "交通", "交通运输", "商务", "科技"}
# desks and kinds of news, not apps (全媒体新闻记者, 综合新闻记者)
_NEWS_DESKS = ("全媒体", "融媒体", "新媒体", "综合", "要闻", "时政", "社会", "财经", "经济", "体育", "国际", "国内", "本地",
               "地方", "民生", "文化", "法治", "视频", "图片", "网络", "电视", "广播")
_SYSTEM = re.compile(r"系统(?![内外中里上下])")  # not 系统内: the sector, not a body
_COMPANY_HEADS = {"股份有限公司", "有限责任公司", "有限公司", "公司", "集团", "合作社"}
_EXAMPLE_MARKERS = ("例如", "比如", "包括", "如", "像")
# bodies every division has: 全国 before one is all of them (全国公安机关, 全国法院), not a national body
_EVERY_DIVISION = {"政府", "人民政府", "公安", "公安局", "公安机关", "法院", "人民法院", "检察院", "人民检察院", "纪委",
                   "监委", "医保局", "民政局", "人社局"}
_LEVELS = "省市州县区乡镇"
# two or three levels before a body (市区医保局, 县市区民政局; not 县|市场监管局)
_SEVERAL_LEVELS = re.compile(r"(?:市区|县区|区县|市县|县市|市州|州市|县市区|市县区|省市县|省市区)(?!场)")
_LEVELS_AND_LOCAL = tuple(_LEVELS) + ("地方", "各地", "各级")
YOUTH_LEAGUE = re.compile(f"团[{_LEVELS}]委")  # 团市委: the Youth League committee of the city the text is about
# heads of a place's public service bodies (镇农业服务中心, 县综合文化站), no body without the place
_PLACED_HEADS = ("服务中心", "文化站")
_NOT_RELATIVE = re.compile("区域|市场|县域|市民|乡村")
# countries by the one character news writes them with before a body (俄国防部, 美国务院)
_COUNTRY_CHARS = {"俄": "俄罗斯", "美": "美国", "英": "英国", "法": "法国", "德": "德国", "日": "日本", "韩": "韩国",
                  "朝": "朝鲜", "乌": "乌克兰", "以": "以色列", "叙": "叙利亚", "印": "印度", "越": "越南", "菲": "菲律宾"}
# 以 as a preposition before a body (以国务院办公厅名义, 以财政部为主): not Israel
_IN_THE_NAME_OF = re.compile(r"[^，。；]{0,16}?(?:名义|为主|为依托|为牵头|为核心|为主体)")
# countries often in the news whose names do not end with 国, for when the tagger glues one to a body
_COUNTRIES = {"俄罗斯", "日本", "朝鲜", "乌克兰", "以色列", "伊朗", "伊拉克", "叙利亚", "巴基斯坦", "阿富汗", "印度", "越南",
              "菲律宾", "新加坡", "马来西亚", "印度尼西亚", "澳大利亚", "新西兰", "加拿大", "巴西", "阿根廷", "墨西哥", "埃及",
              "南非", "沙特", "沙特阿拉伯", "土耳其", "黎巴嫩", "苏丹", "巴勒斯坦", "也门", "约旦", "卡塔尔", "阿联酋", "蒙古",
              "哈萨克斯坦", "乌兹别克斯坦", "白俄罗斯", "波兰", "匈牙利", "塞尔维亚", "意大利", "西班牙", "葡萄牙", "希腊"}
_UNIT_HEADS = ("小组", "专班")  # groups and task forces: bodies only as units of a named body
_JOINT_BODY = re.compile(r"[（(]联合[）)](?:党委|党总支|党支部|工会|团支部)")
# how a body's full name starts (a line break before one ends the words before it)
_NAME_STARTS = ("国家", "中央", "中共", "中国共产党", "中华人民共和国", "最高", "全国", "国务院")
_NUMERALS = set("0123456789０１２３４５６７８９〇一二三四五六七八九十今昨当同次翌是前近")  # 今日报道, 近日报道
# generic bodies: cadres, party groups, a bare level word before the head
_GENERIC_NAME = re.compile(r"(?:干部|党组|党小组|委员)$|^(?:社区|村|街道|乡镇|基层|网格|小区|楼栋)+(?:政务服务大厅|政务服务中心|"
                           r"党组|党支部|党委|党总支|办|居民委员会|人民调解委员会|基层综治中心|综治中心)$"
                           # two levels at once (镇村商会, 乡镇卫生院): the bodies of many places, none named
                           r"|^(?:镇村|村镇|乡镇|县乡|市县|县市|县区|区县|镇街)(?:两级)?(?:商会|协会|医院|卫生院|卫生室|学校|"
                           r"中心学校|政府|人民政府|党委|企业|合作社|服务中心|服务站|便民服务中心|派出所|银行)")


def _ends_with(rx, name):
    for m in rx.finditer(name):
        if m.end() == len(name):
            return m.group()
    return None


_ORG_END = tuple("社团司报台网院站所馆校行厂店部会队园")
# heads of bodies that exist once per division: the name must say which division
_PLACE_BOUND = {"政协", "人大", "人民代表大会", "人民政府", "政府", "人民法院", "法院", "中级人民法院", "人民检察院", "检察院",
                "公安局", "纪委", "监委", "人大常委会", "人民代表大会常务委员会"}
# words that end like a body but are not one
_NOT_A_BODY = ("常委", "主委", "部署", "大局", "格局", "布局", "结局", "开局", "全局", "主办", "承办", "协办", "执办",
               "网上大厅", "掌上大厅", "网上办事大厅",  # a body's online hall is a platform of it
               "签署", "举办", "申办", "创办", "开办", "兴办", "督办", "查办", "交办", "转办", "停办",
               # a part of a region or a whole (江西省东北部, 市区全部), not a ministry
               "东部", "西部", "南部", "北部", "中部", "大部", "全部", "内部", "局部")
_FORMULA = re.compile("[+＋]")
# a count of a kind of organisation (三家航空公司, 291家医院), not a numbered unit (交警三支队, 十八所)
_COUNTED = re.compile(r"[一二三四五六七八九十两几数\d]+[家所个](?=[\u4e00-\u9fff]{0,4}(?:公司|医院|企业|学校|单位|机构|银行|合作社|协会|商会))")
_SCHOOL_SHORT = re.compile(r"..[一二三四五六七八九十]中$")  # 凯里一中: a city's first middle school
_TOWNSHIP_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}(?:乡|镇|街道)")
# words that start with 镇/乡 and name no township (乡贤理事会: a council of local notables)
_NOT_TOWNSHIP = ("乡村", "乡镇", "镇村", "镇街", "乡贤", "乡亲", "乡土", "乡风", "乡情", "乡愁", "乡里", "乡音")
_ORDINAL = re.compile("第[一二三四五六七八九十]{1,3}")
# unique national bodies
UNIQUE = {"国务院", "党中央", "最高人民法院", "最高人民检察院"}
# bare bodies of a village, community or street: full head, and the level of place they belong to
LOCAL_BODIES = {"村委会": ("村民委员会", "village"), "村委员会": ("村民委员会", "village"), "村民委员会": ("村民委员会", "village"),
                "村委": ("村民委员会", "village"), "村监委会": ("村务监督委员会", "village"),
                "村务监督委员会": ("村务监督委员会", "village"), "居委会": ("居民委员会", "village"), "社区居委会": ("居民委员会", "village"),
                "社区居民委员会": ("居民委员会", "village"), "社区人民调解委员会": ("人民调解委员会", "village"),
                "村党支部": ("党支部", "village"), "村党总支": ("党总支", "village"), "村党委": ("党委", "village"), "社区党委": ("党委", "village"),
                "社区党支部": ("党支部", "village"), "街道党工委": ("党工委", "township"), "乡党委": ("党委", "township"),
                "镇党委": ("党委", "township"), "乡政府": ("人民政府", "township"), "镇政府": ("人民政府", "township"),
                # a township's committee and government written as one (在镇党委政府支持下): its government
                **{level + "党委政府": ("人民政府", "township") for level in ("乡", "镇")}}
# a level character alone names these (县中医院, 市图书馆): one per division
_PUBLIC_INSTITUTIONS = ("人民医院", "中医院", "医院", "融媒体中心", "广播电视台", "电视台", "日报", "图书馆", "博物馆",
                        "文化馆", "妇幼保健院", "疾病预防控制中心", "第一中学", "职业技术学院")


class AgencyRecognizer:
    def __init__(self, nlp=None, name="gg_agencies"):
        n = naming()
        self.n = n
        # (a head followed by 分 goes on, 公安局|分局, unless 分 begins a word: A局、B厅分别…, 局分管领导)
        notf = f"(?!分别|分管)(?:{alternation(n['head_not_followed_by'])})"
        self.agency_head = re.compile(f"(?:{alternation(n['agency_heads'])})(?!{notf})")
        self.org_head = re.compile(f"(?:{alternation(n['organization_heads'])})(?!{notf})")
        self.verbs = tuple(sorted(n["verbs_before_agency"], key=len, reverse=True))
        self.national = re.compile(f"(?:{alternation(n['national_bodies'])})(?![局部委厅办署门长])")
        self.generic = set(n["generic_agency_bodies"])
        self.generic_places = set(n["generic_places"])  # 社区, 街道: no place of their own
        self.industry = re.compile(f"(?:{alternation(n['industry_terms'])})+")
        self.level = tuple(n["level_chars"])
        self.gaz = load_divisions()
        self.div_forms = self.gaz.forms() - self.generic_places  # (a township the data names 社区)
        self.short_forms = sorted(n["function_short_forms"], key=len, reverse=True)  # longest first
        self.party = tuple(n["party_prefixes"])
        self.specific_heads = {"派出所", "人民法院", "中级人民法院", "高级人民法院", "人民检察院", "检察院", "法院", "中院", "高院",
                               "政协", "人大", "人大常委会", "妇联", "文联", "残联", "科协", "侨联", "工商联", "红十字会",
                               "团委", "居委会", "村委会", "党工委", "党委", "党支部", "总工会",
                               "最高人民法院", "最高人民检察院", "党中央", "国务院"}

    def __call__(self, doc):
        found = list(self.find(doc))
        text = doc_text(doc)
        # X纪委监委: one body (the commission for discipline inspection and the supervisory
        # commission work as one); the 纪委 inside it is no mention of its own
        joint = {(c.start, c.end) for c in found if text.endswith("纪委监委", c.start, c.end)}
        if joint:
            found = [c for c in found if not (text.endswith("纪委", c.start, c.end) and (c.start, c.end + 2) in joint)]
        foreign = [(c.start, c.end) for c in found if c.source == "foreign"]
        if foreign:
            # 以|国防部: the body in another country's name is that country's, not China's; and a
            # place word the tagger cut across the body's name (俄国防|部) is none
            found = [c for c in found if c.source == "foreign" or c.label != "Agency"
                     or not any(a < c.start and c.end == b for a, b in foreign)]
            doc._.gg_candidates = [c for c in doc._.gg_candidates or [] if not (
                c.label == "Place" and any(hs < c.end < he for hs, he in self._foreign_bodies))]
        add_candidates(doc, found)
        return doc

    def find(self, doc):
        text = doc_text(doc)
        self._breaks = sorted(doc._.gaps - doc._.space_gaps)  # raw line breaks, for _compose
        # the places found before, for _compose: where they start and end, and the gazetteer's spans
        places = [c for c in doc._.gg_candidates or () if c.label == "Place"]
        self._place_starts = {c.start for c in places if text[c.start:c.end] not in self.generic_places}
        # townships the tagger or the suffix rules found (not all are in the gazetteer): their ends
        self._townships = {c.start: c.end for c in places if text.endswith(("乡", "镇", "街道"), c.start, c.end)}
        self._place_ends = {c.end for c in places}
        self._gazetteer_places = sorted((c.start, c.end) for c in places if c.source in ("gazetteer", "rejoined"))
        self._foreign_bodies = []  # (start, end) of the national bodies named after another country
        seen = set()
        systems = list(self._systems(text, seen))
        yield from systems
        for sent in doc.sents:
            s0, e0 = sent.start_char, sent.end_char
            for label, rx in (("Agency", self.agency_head), ("Organization", self.org_head)):
                for m in rx.finditer(text, s0, e0):
                    if m.group().startswith("日报") and text[m.start() - 1:m.start()] in _NUMERALS:
                        continue  # 通讯社22日报道: a date and 报道 (reported), not a daily paper
                    if m.group().endswith(_SCHOOL_HEADS) and text.startswith("生", m.end()):
                        continue  # 美国中学生: pupils, not a school
                    if m.group().endswith("办") and text[m.end():m.end() + 1] in ("法", "公", "好", "理", "结", "成", "完") \
                            or m.group().endswith("联合会") and text.startswith("商", m.end()):
                        continue  # 保洁办法: a document's kind; 办|公厅: the head is longer; 办好, 办理: verbs;
                        # 联合会商: consult jointly
                    cand = self._compose(doc, m.start(), m.end(), label, s0)
                    if cand and (cand.start, cand.end) not in seen \
                            and not any(c.start <= cand.start and cand.end < c.end for c in systems):
                        seen.add((cand.start, cand.end))
                        yield cand
        # 市委常委、宣传部部长: a member of the committee heading one of its departments
        for m in _COMMITTEE_DEPARTMENT.finditer(text):
            yield Cand(*m.span(2), "Agency", "committee-department", 3, {"name": m.group(1) + m.group(2)})
        # X小区（联合）党委: the joint committee of a compound or of several communities
        joints = list(_JOINT_BODY.finditer(text))
        place_ends = {c.end: c.start for c in doc._.gg_candidates or [] if c.label == "Place"} if joints else {}
        for m in joints:
            start = place_ends.get(m.start())
            if start is not None and text[start - 1:start] not in ("、", "和", "与"):  # not A村、B村（联合）…
                seen.add((start, m.end()))
                yield Cand(start, m.end(), "Agency", "joint", 3, {})
        # a paper's news app in a byline (X日报|Y新闻|记者): an outlet of its own
        for m in _NEWS_APP.finditer(text):
            if (m.start(1), m.end(1)) not in seen and not m.group(1).startswith(_NEWS_DESKS):
                seen.add((m.start(1), m.end(1)))
                yield Cand(m.start(1), m.end(1), "Organization", "news-app", 2, {})
        # central bodies by name, even inside a word the tagger glued (水平商务部)
        for m in self.national.finditer(text):
            country = self._country_before(doc, text, m.start())
            if country is not None:  # 俄罗斯国防部: another country's body, not China's
                seen.add((country[0], m.end()))
                yield self._foreign(text, country, m.start(), m.end())
                continue
            if not any(s <= m.start() and m.end() <= e and (s, e) != (m.start(), m.end()) and text[s:m.start()] in
                       ("中华人民共和国", "中共", "中国共产党") for s, e in seen):
                seen.add((m.start(), m.end()))
                yield Cand(m.start(), m.end(), "Agency", "national", 5, {})
        # LAC ORG words with no head we know: other named organisations
        covered = {i for s, e in seen for i in range(s, e)}
        for tok in tagged(doc, ("ORG",)):
            if tok.i and doc[tok.i - 1].tag_ == "m" and len(tok) <= 4:
                continue  # 28支|龙舟队: a count of a kind of organisation, none named
            if tok.idx not in covered and not self.agency_head.search(tok.text[-3:]):
                s, e = self._trim(text, tok.idx, tok.idx + len(tok))
                name = text[s:e]
                head = _ends_with(self.org_head, name) or ""
                if len(name) >= 2 and (name.endswith(_ORG_END) or _SCHOOL_SHORT.search(name)) and name not in self.generic \
                        and not _FORMULA.search(name) and not _COUNTED.search(name) \
                        and not (name.endswith("日报") and name[-3:-2] in _NUMERALS) \
                        and not _INDEFINITE.search(name) and not _GENERIC_NAME.search(name) and not self._only_industry(name, head) \
                        and not (head and _KIND_ONLY.fullmatch(name[:-len(head)])):
                    seen.add((s, e))
                    yield Cand(s, e, "Organization", "lac", 1)

    def _joint_cut(self, text, start, end):
        """The end of the last joint word in text[start:end] that the tagger glued after a body's
        head (A局联合|县委…/ORG), where the next body begins; else None. That body names its place
        (县委, 州卫生健康局, 溧阳市X公司): not X院联合|研究中心, one name with 联合 in it."""
        k = None
        for m in _GLUED_JOINT.finditer(text, start, end):
            before = text[start:m.start()]
            after = text[m.end():m.end() + 12]
            if (_ends_with(self.agency_head, before) or _ends_with(self.org_head, before)) \
                    and (after[:1] in "省市州县区" or after.startswith(("中共", "共青团")) or self._place_prefix(after)):
                k = m.end()
        return k

    def _systems(self, text, seen):
        """嘉兴市医保系统, 县人社系统: a division's (or level's) function and its system is the
        body of that function there (嘉兴市医疗保障局), written another way."""
        short = self.n["function_short_forms"]
        for m in _SYSTEM.finditer(text):
            fn = next((f for f in self.short_forms if text.endswith(f, 0, m.start())), None)
            if fn is None:
                continue
            a = m.start() - len(fn)
            place = next((text[a - k:a] for k in range(min(10, a), 1, -1) if text[a - k:a] in self.div_forms), "")
            head = short[fn]
            divs = self.gaz.lookup(place) if place else []
            if divs and all(d.level == "province" and not d.name.endswith("市") for d in divs):
                # a province's departments are 厅 where a city's are 局 (民政厅, 人力资源和社会保障厅)
                head = head[:-1] + "厅" if fn in _PROVINCE_TING and head.endswith("局") else head
            elif divs and all(d.level == "province" for d in divs) and fn in _MUNICIPAL_COMMISSIONS:
                continue  # 北京市教育系统: the municipalities' 教委, 住建委 … are no 局
            if not place and a and text[a - 1] in "市县区州" and (a == 1 or not _CJK.match(text[a - 2])
                                                                  or text[a - 2] in _CONNECTORS):
                place = text[a - 1]  # 县人社系统, 与市人社系统; not 城市|, 各区县|, 民族地区|教育系统
            if not place or (a - len(place), m.end()) in seen:
                continue
            seen.add((a - len(place), m.end()))
            yield Cand(a - len(place), m.end(), "Agency", "system", 2, {"name": place + head})

    def _country_before(self, doc, text, i):
        """(start, country) when a foreign country's name (俄罗斯, 韩国) or its one-character
        form (俄, 美) is written right before position i, in the word before it or glued to it."""
        if i == 0:
            return None
        tok = doc.char_span(i - 1, i, alignment_mode="expand")[0]
        word = text[tok.idx:i]
        if word in _COUNTRY_CHARS and (tok.idx == 0 or not _CJK.match(text[tok.idx - 1])) \
                and not (word == "以" and _IN_THE_NAME_OF.match(text, i)):
            return tok.idx, _COUNTRY_CHARS[word]
        if len(word) < 2 or word in self.div_forms or word in ("中国", "我国", "全国", "本国", "各国", "两国", "外国", "中华人民共和国"):
            return None
        # the tagger's place word of its own (伊朗|外交部), or a country's name glued to the body (俄罗斯国防部/ORG)
        if tok.tag_ == "LOC" and tok.idx + len(tok) == i or word.endswith("国") or word in _COUNTRIES:
            return tok.idx, word
        return None

    def _foreign(self, text, country, hs, he):
        """A foreign country's body (see __call__ for what it leaves out)."""
        a, name = country
        self._foreign_bodies.append((hs, he))
        return Cand(a, he, "Agency", "foreign", 5, {"name": name + text[hs:he]})

    def _unit_name_after_parent(self, doc, i):
        """X人民法院|上沛|人民法庭, X公安局|东关|派出所: a unit's name between its parent and its
        head, that the tagger took for a direction word (上, 东 …) because of its first character."""
        tok = doc[i]
        # (and 最高人民法院|第一/m|巡回法庭: a numbered unit of the body)
        return (tok.tag_ == "f" and len(tok) == 2 and tok.text[0] in "上下东西南北中前后"
                or tok.tag_ == "m" and _ORDINAL.fullmatch(tok.text) is not None) and i > 0 \
            and doc[i - 1].tag_ == "ORG" and bool(self.agency_head.search(doc[i - 1].text))

    def _compose(self, doc, hs, he, label, sent_start):
        text = doc_text(doc)
        if text[he - 1:he] == "委" and text[he:he + 1] == "会" and text[he + 1:he + 2] != "议":
            he += 1  # 安委会, 市委会: the committee written with 会 (not 市委|会议)
        tok = doc.char_span(hs, he, alignment_mode="expand")[0]
        start = tok.idx
        i = tok.i
        # a name the tagger already knows whole (商务部/ORG) takes only places and names before it,
        # not the common nouns of the phrase it sits in (加工贸易发展水平|商务部)
        whole = tok.tag_ == "ORG" and len(tok) >= 3 and tok.idx + len(tok) == he \
            and not self._only_industry(tok.text, _ends_with(self.org_head, tok.text))  # (农民专业合作社: a kind)
        joined = None
        if whole:
            # 民政部财政部/ORG (a headline's two ministries, glued): the second is a body of its own
            k = next((k for k in range(3, len(tok) - 2) if self.national.fullmatch(tok.text, 0, k)
                      and self.national.fullmatch(tok.text, k)), None)
            if k is not None:
                return Cand(tok.idx + k, he, label, "head", 2, {})
            # A医院联合州卫生健康局/ORG: two bodies the tagger glued at the joint word between them
            # (not a kind of body, 联合物业公司: no name)
            k = self._joint_cut(text, tok.idx, he)
            if k is not None and text[k:he] not in self.generic \
                    and not self._only_industry(text[k:he], _ends_with(self.org_head, tok.text) or ""):
                return Cand(k, he, label, "head", 2, {})
        glued = self._joint_cut(text, tok.idx, he) if tok.tag_ == "ORG" and not whole else None
        if glued is not None:
            start, i = glued, 0  # (A局联合县委组织部/ORG: 县委 starts after the joint word; nothing before it)
        while i - 1 >= 0 and doc[i - 1].idx >= sent_start:
            prev = doc[i - 1]
            if prev.tag_ == "ORG" and self._joint_cut(text, prev.idx, prev.idx + len(prev)) == prev.idx + len(prev):
                break  # A局联合/ORG|县委组织部: a body before the joint word is another one
            if prev.text == "和" and i - 2 >= 0 and doc[i - 2].idx >= sent_start and doc[i - 2].tag_ in ("vn", "n", "ORG") \
                    and not self.agency_head.search(doc[i - 2].text) and not whole \
                    and not _ends_with(self.org_head, doc[i - 2].text) \
                    and not text.startswith(_LEVELS_AND_LOCAL, prev.idx + 1):
                joined = prev.idx + 1  # 城市管理|和|综合执法局, 省工业/ORG|和|信息化厅: two functions of one
                # bureau (not A局和B局)
                i -= 1
                continue
            if not whole and TERM.fullmatch(prev.text) and i - 2 >= 0 and doc[i - 2].idx >= sent_start and (
                    doc[i - 2].tag_ == "LOC" or doc[i - 2].text.endswith("政协") or doc[i - 2].text in _LEVEL_CHARS):
                i -= 1  # X市|第十八届|人民代表大会, 政协X市|第十届|委员会: the body, whatever its term
                if doc[i - 1].text.endswith("政协"):
                    start = doc[i - 1].idx + len(doc[i - 1]) - 2
                    break  # 政协 begins the name (not 撤销石磊|政协第十四届全国委员会…)
                continue
            if prev.text[:1] in ("该", "本") and prev.text[1:] in ("村", "社区", "镇", "乡", "街道"):
                start = prev.idx + 1  # 该村/r|党支部: the village's body (see the local bodies below)
                break
            if prev.tag_ not in _NAMEY and not self._unit_name_after_parent(doc, i - 1) \
                    and not (prev.tag_ == "v" and prev.text in _TRADES and not whole) \
                    or prev.text in _STOP_WORDS or he - prev.idx > 24:
                break
            if whole and prev.tag_ not in ("LOC", "ORG", "nz") or prev.text[-1] in "和与及" and len(prev) > 2 and (
                    _ends_with(self.org_head, prev.text[:-1]) or _ends_with(self.agency_head, prev.text[:-1])):
                break  # (X日报社和/ORG|Y公司: two names, the tagger glued the conjunction to the first;
                # not 省工业和/ORG|信息化厅: one name)
            if whole and self.national.fullmatch(tok.text) and self.national.fullmatch(prev.text):
                break  # 民政部|财政部: two bodies, not one (and glued in one word, above)
            # stop at a complete name before us (…局 …局) unless it is a place
            if prev.tag_ != "LOC" and self.agency_head.search(prev.text) and prev.tag_ != "ORG" \
                    and not prev.text.endswith(_UNIT_HEADS):  # X领导小组|办公室: the group's office
                break
            start = prev.idx
            i -= 1
        start, he = self._trim(text, start, he)
        if joined is not None and start < joined and not (
                text.startswith(self.level + self.party + ("中央", "全国", "国家"), start) or self._place_prefix(text[start:he])):
            start = joined  # 情况|和|财政经济委员会: the words before 和 are no part of an unqualified name
        start = self._after_joined(text, start, he)
        # a headline's last words, a line break, then a name that starts the line (…政策⏎财政部)
        k = bisect.bisect_left(self._breaks, hs) - 1
        line = self._breaks[k] if k >= 0 and self._breaks[k] > start else None
        if line is not None and (text.startswith(_NAME_STARTS, line) or self.national.fullmatch(text, line, he) or (
                text[line] in "省市州县区" and line not in self._place_ends)):
            start = line  # (a subheading's last words, then 县委政法委…: the name starts the line;
            # 锦屏⏎县委…: a place before the break is the name's)
        if text[hs:he] in UNIQUE:
            country = self._country_before(doc, text, hs)
            if country is not None:
                return self._foreign(text, country, hs, he)  # 美国国务院: the State Department
            start = hs  # 国务院, 党中央: nothing before them is part of the name
        term = _CPPCC_TERM.search(text, max(sent_start, start - 10), start)
        if term and term.end() == start and text.endswith("委员会", start, he):
            start = term.start()  # 政协第十届|X委员会: the conference's committee, not the party's
        # 从/p|江县/ORG|商务局: the tagger split a place the gazetteer found; the name starts with the place
        k = bisect.bisect_left(self._gazetteer_places, (start, -1)) - 1
        if k >= 0 and start < self._gazetteer_places[k][1]:
            start = self._gazetteer_places[k][0]
        name = text[start:he]
        if name.endswith("办") and (name[:-1] in _DOERS or name[:-1].endswith(_BY_RULES)):
            return None  # 村民办事, 群众办证: people who get things done; 按规则办事: how; no office
        if name.startswith(_WHICHEVER_PLACE):
            return None  # 户籍地派出所, 所在地人民法院: the body of wherever one lives or acts, none named
        if _FORMER_COMMITTEE.search(name):
            return None  # X总社原/ORG|党委书记: a former post in X (which its own head names), no body 原党委
        if name.endswith(("中小学", "中小学校", "幼儿园和中小学")):
            return None  # 全县中小学: the schools of a kind, no school
        if name.endswith("队") and text.startswith("伍", he) or _COUNTED.search(name):
            return None  # 32支|队伍: teams, the word 队伍; 三家航空公司: a count of a kind
        if "关于" in name or _FORMULA.search(name):
            return None  # 《国务院关于实施X公司…的决定》: a title's words, no body; 党支部+公司+合作社: a formula's
        if text.endswith(_PLACED_HEADS, start, he) and (
                not (name[:1] in "省市州县区乡镇" or self._place_prefix(name) or start in self._place_starts)
                or _NOT_RELATIVE.match(name) or name.startswith(("社区", "街道", "村", "小区", "乡镇"))):
            # 游客服务中心, 区域养老服务中心, 社区卫生服务中心: a service centre is a public body
            # only as a named place's (X街道便民服务中心; 社区 is also a division's short form)
            return None
        if name in LOCAL_BODIES:
            if text[start - 1:start] in ("各", "全", "每"):
                return None  # 各社区居委会: every one of them, not one
            # 村委会, 街道党工委: the body of the village or street the text is at (resolved later)
            return Cand(start, he, "Agency", "local", 2, {"local": True})
        if name[:1] in _LEVELS and (name[1:2] in _LEVELS and name[2:] in _PLACE_BOUND or
                                    text[start - 1:start] in _LEVELS + "各地" and name[1:] in _PLACE_BOUND):
            return None  # 省市政府, 各省|市政府: the governments of many places, none named
        if _SEVERAL_LEVELS.match(name) or (name[:1] in _LEVELS and text[start - 1:start] in ("各", "辖") + tuple(_LEVELS)
                                           and not name.startswith("市场")):
            return None  # 各辖市区医保局, 各县|市区民政局: a kind of body at several levels, none named
        if len(name) < 2 or name in self.generic or name.startswith(_DEICTIC) and not name.startswith("全国") \
                or name.startswith("全国") and name[2:] in _EVERY_DIVISION \
                or _GENERIC_NAME.search(name) or name.endswith(_NOT_A_BODY):  # 州委常委 is a post, 部署 a verb
            return None
        rx = self.agency_head if label == "Agency" else self.org_head
        head = rx.search(name)
        if head and head.start() == 0 and head.end() < len(name):
            # 国务院|安全生产委员会: a body that begins the name is its parent, not its head
            end = len(name) - name.endswith("委会")  # 安委|会
            head = next((m for m in rx.finditer(name) if m.end() == end), head)
        body = name[: head.start()] if head else name
        town = self._townships.get(start)
        if head and head.group() in _PLACE_BOUND and (town == start + len(body) or (
                tok.tag_ == "ORG" and _TOWNSHIP_NAME.fullmatch(body))):
            pass  # 车江乡|人民政府, 车江乡人民政府/ORG: a township's government (not all are in the gazetteer)
        elif not self._qualified(name, body, head.group() if head else "", tok):
            return None
        org = _ends_with(self.org_head, name)
        if org and _KIND_ONLY.fullmatch(name[:-len(org)]):
            return None
        if label == "Agency":
            if org and len(org) > len(_ends_with(self.agency_head, name) or ""):
                label = "Organization"  # …协会, …医院: not a public body
        elif not (name[0] in "省市州县区" and name[1:].endswith(_PUBLIC_INSTITUTIONS)):
            if not self._proper(doc, start, he - len(org or "")) or self._only_industry(name, org):
                return None  # 茶叶公司, 餐饮协会, 农民专业合作社: a kind of organisation, not a named one
        if name[:1] in ("镇", "乡") and not name.startswith(_NOT_TOWNSHIP) and not self._place_prefix(name):
            # 镇综合文化站, 乡财政所, 镇商会: a body of the township the text is at, named as 镇党委 is
            # (resolved later)
            return Cand(start, he, label, "local", 2, {"local": True, "township_body": name[1:]})
        return Cand(start, he, label, "head", 2, {})

    def _qualified(self, name, body, head, tok):
        """A real body: a qualified name (place, level or party prefix), a
        specific institution, or a national body the tagger knows (商务部)."""
        if name in self.specific_heads or YOUTH_LEAGUE.fullmatch(name):
            return True
        prefixed = name.startswith(self.level + self.party + ("最高", "国家", "中央", "全国")) or self._place_prefix(name)
        if name.endswith(_UNIT_HEADS) and not (prefixed and name.endswith("领导小组")) and not (
                self.agency_head.search(name[:-2]) and not name[:-2].endswith(("委员", "界"))):
            return False  # 学习小组, 工作领导小组: some group; 市民政局…研判小组 is a unit of a body it names
        if not body or _GENERIC_BODY.search(body) or _INDEFINITE.search(body):
            return False
        if head in _PLACE_BOUND and not prefixed:
            return False  # 新时代人民政协, 地方人民政府: a congress, government or court is some place's
        if len(head) == 1:
            if head in "部办厅局" and (body in self.div_forms or body in self.level):
                return False  # 某省部, 某市局: a place and a bare head name no body (某市委 does)
            return prefixed or (tok.tag_ == "ORG" and len(body) >= 2)
        return prefixed or len(body) >= 2

    def _only_industry(self, name: str, head: str | None) -> bool:
        """Is name a company or cooperative whose body (before the head) is made of industry words
        alone, with no place in front (生态农业开发有限公司, 农民专业合作社)? Tagged as one ORG word,
        it still names no one organisation. Banks and papers are named that way (农业银行): not them."""
        body = name[:len(name) - len(head or "")]
        if head not in _COMPANY_HEADS or not body or self._place_prefix(body + "。"):
            return False
        return self.industry.fullmatch(body) is not None

    def _proper(self, doc, start, end):
        """Does [start, end) hold a proper name (a place, a tagged name, a code)?"""
        text = doc_text(doc)
        if self._place_prefix(text[start:end + 1]) or any(c.isdigit() or c.isascii() and c.isalpha()
                                                          for c in text[start:end]):
            return True
        span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
        return span is not None and any(t.tag_ in ("LOC", "ORG", "nz", "PER", "nw") for t in span)

    def _place_prefix(self, name):
        forms = self.div_forms
        if name.startswith(_DEICTIC):
            return False
        return any(name[:k] in forms for k in range(2, min(len(name), 12)))

    def _after_joined(self, text, s, e):
        """Start after "A局 联合 B局" when the tagger made one word of both."""
        for v in self.verbs:
            if len(v) < 2 and v not in _JOINERS:  # 与, 和: A局与市B局 glued
                continue
            i = text.find(v, s + 2, e)
            while i != -1:
                before, after = text[s:i], text[i + len(v):e]
                if _ends_with(self.agency_head, before) and len(after) >= 3:
                    s = i + len(v)
                i = text.find(v, i + 1, e)
        return s

    def _trim(self, text, s, e):
        """Drop verbs/conjunctions the tagger glued to the front of a name."""
        changed = True
        while changed and e - s > 2:
            changed = False
            for v in self.verbs:
                if text.startswith(v, s) and e - s - len(v) >= 2 and not text.startswith(("联合国", "对外"), s):
                    rest = text[s + len(v):e]
                    # (a one-character word only before a level or a place: 经济日报社 keeps its 经)
                    if rest.startswith(self.level + self.party) or len(rest) >= 4 and (
                            len(v) > 1 or self._place_prefix(rest) or rest.startswith(("中国", "中华", "全国", "国家"))):
                        s += len(v)
                        changed = True
                        break
            # 人大代表|X公司: a deputy's post glued to the company the deputy runs
            m = _DEPUTY.search(text, s, e)
            if m and e - m.end() >= 4:
                s = m.end()
                changed = True
            # 州内医院，如州中医院: "such as" before a relative name (not 如皋市, a place of its own)
            for v in _EXAMPLE_MARKERS:
                if text.startswith(v, s) and text.startswith(self.level, s + len(v)) \
                        and not self._place_prefix(text[s:e]):
                    s += len(v)
                    changed = True
                    break
        return s, e


@Language.factory("gg_agencies")
def make_agencies(nlp, name):
    return AgencyRecognizer(nlp, name)
