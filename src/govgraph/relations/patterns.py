"""Typed relations stated by a sentence, read from the order of its entity
mentions and the cue words between them. Each rule is a function of one
sentence's mentions (sorted by position) that yields relations:

* runs (Agency/Organization -> Program): 开展, 推出, 实施, 打造 …; an actor
  written right before its programme (县融媒体中心《问政鹤峰》栏目)
* issues (Agency -> Policy): 印发, 出台, 制定, 发布, 签署 …
* implemented_in (Program -> Place): a Place as the actor of a launching verb,
  在 A、B 等地 + verb, a place written right before a programme
* partners_with (between joint actors): 联合, 联手, 携手, 会同, 共同;
  "A、B 联合 …" -> every pair; "A 联合 B、C" -> A–B, A–C
* holds_position (Person -> Agency/Organization, with role): 局长王某 right
  after the body (roles may chain: 党组书记、局长), and 当选/担任 … 主席

The subject of runs/issues is the whole group of joint actors (A、B 联合发布
《P》: both issue P), skipping actors inside a 在… place phrase.
"""

import bisect
import itertools
import re
from dataclasses import dataclass, field

from ..gazetteers.divisions import load_divisions
from ..nlp.candidates import doc_text, naming
from ..nlp.programs import LIST_AFTER
from ..resolve.context import place_division

RUN_VERBS = ("开展", "推出", "实施", "实行", "打造", "推行", "组建", "牵头", "创新", "启动", "建立", "构建", "探索", "创建",
             "开通", "上线", "设立", "举办", "深化", "推进", "开设", "推广", "建设", "组织", "发起", "搭建", "成立",
             "完善", "落实", "部署", "开发", "引入", "主办", "承办", "运营", "建成", "试点", "采取", "采用", "坚持",
             "抓实", "抓好", "狠抓", "推动", "设置")
ISSUE_VERBS = ("印发", "出台", "制定", "发布", "签署", "签订", "颁布", "出具", "修订", "通过", "审议", "起草", "下发",
               "发出", "公布", "编制")
_ANNOUNCE = tuple(naming()["list_verbs"])  # A公布…P名单 (see nlp.programs)
JOINT = ("联合", "联手", "携手", "会同", "共同", "协同")
ELECT = ("当选为", "当选", "担任", "出任", "兼任", "任")
_ACTORS = ("Agency", "Organization")
_LIST_SEP = ("、", "和", "及", "与", "以及")
_TO = ("在", "赴", "到")  # 在/赴/到 X 开展 P: X is where P runs
_ROLES = sorted(naming()["roles"], key=len, reverse=True)
_ROLE_ALT = "|".join(_ROLES)
_ROLE_END = re.compile(f"(?:{_ROLE_ALT})$")
_ROLE_AFTER_BODY = re.compile(f"[^，。；、]{{0,14}}?(?:{_ROLE_ALT})")  # 第九届委员会主席
_ROLE_NEXT = re.compile(f"[^，。；、]{{0,8}}?(?:{_ROLE_ALT})")  # 、村委会主任
_PLACES_END = re.compile(r"^(?:等(?:地|县市|市县|区县|地区|乡镇|村|社区|\d+个\S{0,2})?)")
_MAX_GAP = 60
_TITLES = re.compile(r"《[^《》]*》")


def pattern_relations(doc, mentions, sents) -> list[dict]:
    text = doc_text(doc)
    out = []
    by_sent, inner = {}, {}  # inner: agencies nested in a longer mention, by start
    for m in mentions:
        if m.outer:
            by_sent.setdefault(m.sent, []).append(m)
        elif m.label == "Agency":
            inner.setdefault(m.start, []).append(m)
    elected = None  # the body of the last 当选 sentence: "B、C当选为副主席" continues it
    refs = _place_references(text, mentions, sents)
    breaks = doc._.gaps - doc._.space_gaps  # raw line breaks: a subheading ends at one
    bodies = _body_references(text, mentions, sents)
    programs_named = _program_references(text, mentions, sents)
    programs = {m.name: m for m in mentions if m.label == "Program"}
    for si in sorted(by_sent.keys() | refs.keys()):
        ms = sorted(by_sent.get(si, []), key=lambda m: (m.start, -m.end))
        s = sents[si]
        # 我省/全市/该村 stand for a place the document names: where a programme runs
        at = sorted(ms + refs.get(si, []), key=lambda m: (m.start, -m.end))
        # 该院/本局 stand for a body the article names: an actor, a partner, an employer
        acting = sorted(ms + bodies.get(si, []), key=lambda m: (m.start, -m.end))
        for head, tail, typ, role in (*_runs_issues(text, acting), *_partners(text, acting),
                                      *_implemented(text, at, s, breaks), *_selected(text, ms),
                                      *_positions(text, acting, inner), *_subject_posts(text, acting, s),
                                      *_located(text, ms), *_in_referred(text, ms, refs.get(si, [])),
                                      *_scene_team(text, ms, s, programs)):
            out.append(_rel(head, tail, typ, s, role))
        out += [_rel(actor, program, "runs", s) for actor, program in _event_hosts(text, ms, s, by_sent.get(si - 1, []))]
        made = sorted(acting + programs_named.get(si, []), key=lambda m: (m.start, -m.end))
        out += [_rel(actor, program, "runs", s) for actor, program in _made_by(text, made, s)]
        out += [_rel(actor, program, "runs", s) for actor, program in _hosts_before(text, ms, s)]
        found, elected = _elections(text, ms, s, elected)
        out += [_rel(h, t, "holds_position", s, r) for h, t, r in found]
    out += _bylines(text, mentions, sents)
    out += [_rel(h, t, "holds_position", sents[h.sent], r) for h, t, r in _branch_secretaries(text, mentions)]
    out += [_rel(h, t, "holds_position", sents[h.sent], r) for h, t, r in _government_heads(text, mentions)]
    return out


_BRANCHES = ("村党支部", "社区党支部", "村党总支", "社区党总支")


# 活动由A主办，B、C承办: the sentence after an event names who holds it
_EVENT_OPENING = re.compile(r"(?:本次|此次|这次|该|本届|此项)?(?:活动|赛事|比赛|大赛|演出|宣讲|培训|讲座)由")
_HOST_VERBS = ("主办", "承办", "协办", "举办", "组织", "发起")


def _event_hosts(text, ms, s, before):
    """(actor, program) for the hosts a sentence opening 活动由… names, when the sentence before
    (its mentions: before) named one programme (the event it refers to), in the same article."""
    m = _EVENT_OPENING.match(text, s.start)
    if m is None or any(x.label == "Program" for x in ms):
        return
    programs = {x.key: x for x in before if x.label == "Program"}
    if len(programs) != 1:
        return
    program = next(iter(programs.values()))
    if program.article != next((x.article for x in ms), program.article):
        return
    for a in ms:
        if a.label in _ACTORS and a.start >= m.end():
            clause = re.split("[，；。]", text[a.end:s.end], maxsplit=1)[0]
            if any(v in clause for v in _HOST_VERBS):
                yield a, program


def _branch_secretaries(text, mentions):
    """老支书X, 村支书Y: the secretary of the village's party branch, the last such branch
    its article names before (南山村党支部 … 村支书李强); none when the article names none."""
    branches = sorted((m for m in mentions if m.label == "Agency" and m.key and m.name.endswith(_BRANCHES)),
                      key=lambda m: m.start)
    place_ends = {m.end for m in mentions if m.label == "Place"}
    for p in mentions:
        if p.label != "Person" or not text.endswith("支书", 0, p.start) or text.endswith("副支书", 0, p.start):
            continue
        if p.start - 2 in place_ends or p.start - 3 in place_ends:
            continue  # 北岭村支书X: the village named there, not the last branch
        branch = next((b for b in reversed(branches) if b.end <= p.start and b.article == p.article), None)
        if branch is not None:
            yield p, branch, "支书"


_POST_BEFORE = ("由", "和", "与", "及", "为", "任", "是", "原", "时任", "现任", "代理")
# 副市长X, 常务副县长Y: a head of a government, by the level the post names
_GOVERNMENT_POST = re.compile("(?:常务)?副?([省州市县区镇乡])长$")


def _government_heads(text, mentions):
    """副市长孙海涛 (no body written before the post): a post of the one government of that
    level its article names (市政府 -> 阜阳市人民政府); none when it names none or two."""
    ends = {m.end for m in mentions if m.label in ("Place", *_ACTORS)}
    governments = [m for m in mentions if m.label == "Agency" and m.key and (m.name or "").endswith("人民政府")]
    for p in mentions:
        if p.label != "Person":
            continue
        post = _GOVERNMENT_POST.search(text, max(0, p.start - 6), p.start)
        if post is None or post.start() in ends:
            continue  # 临泉县|县长, 县政府|县长: the place or body is written (see _positions)
        if post.start() > 0 and text[post.start() - 1] not in "，、。；：（(“”\n 　" and not text.endswith(_POST_BEFORE, 0, post.start()):
            continue  # 网格片区长X: a word that ends in 区长, no post of a government
        level = post.group(1)
        of_level = {g.key: g for g in governments if g.article == p.article and g.name.endswith(level + "人民政府")}
        if len(of_level) == 1:
            yield p, next(iter(of_level.values())), post.group()


_MEDIA = ("日报", "晚报", "报社", "新闻", "电视台", "广播电视台", "融媒体中心", "通讯社", "报")


def _bylines(text, mentions, sents):
    """本报讯（记者 X）: X is the paper's reporter. The paper is the outlet named in a
    byline or masthead line of the document (荆楚日报掌上新闻记者林晓), if any."""
    reporters = [m for m in mentions if m.label == "Person" and m.attrs.get("source") == "byline"]
    if not reporters:
        return []
    # 新华社北京12月3日电（记者 X）: a news agency's dateline names the reporter's employer
    agencies = {m.sent: m for m in mentions if m.label == "Organization" and m.outer
                and m.start == sents[m.sent].start and _WIRE.match(text, m.end)}
    out = [_rel(p, agencies[p.sent], "holds_position", sents[p.sent], p.attrs.get("role") or "记者")
           for p in reporters if p.sent in agencies]
    reporters = [p for p in reporters if p.sent not in agencies]
    if not reporters:
        return out
    # masthead lines: short, no dateline, the outlet written before 记者 (荆楚日报掌上新闻记者林晓)
    mastheads = {i: s.start + k.start() for i, s in enumerate(sents) if len(s.text) <= 40 and "本报" not in s.text
                 for k in [re.search(r"记者|通讯员", s.text)] if k}
    paper = next((m for m in sorted(mentions, key=lambda m: m.start) if m.label == "Organization" and m.outer
                  and m.sent in mastheads and m.end <= mastheads[m.sent] and m.name.endswith(_MEDIA)), None)
    if paper is None:
        return out
    return out + [_rel(p, paper, "holds_position", sents[p.sent], p.attrs.get("role") or "记者") for p in reporters]


# 新华社北京12月3日电（记者…）: an agency, a place, a date, 电
_WIRE = re.compile(r"[\u4e00-\u9fff]{0,8}?\d{1,2}月\d{1,2}日电")


# ---- runs, issues

def _runs_issues(text, ms):
    loc = _locative_ranges(text, ms)
    for i, t in enumerate(ms):
        if t.label not in ("Program", "Policy"):
            continue
        typ = "issues" if t.label == "Policy" else "runs"
        verbs = ISSUE_VERBS if typ == "issues" else RUN_VERBS
        if typ == "runs" and LIST_AFTER.match(text, t.end):
            verbs += _ANNOUNCE  # A公布了第三批P名单: A runs the pilot it selects for
        prev = ms[i - 1] if i else None
        # 县融媒体中心《问政鹤峰》栏目, 省高院“执行护航”: the actor's own programme
        # (not “A”“B”: two quoted items of a list side by side)
        if typ == "runs" and prev is not None and prev.label in _ACTORS and text[prev.end:t.start] in ("", "的") \
                and not (text[prev.end - 1] == "”" and text[t.start] == "“"):
            yield prev, t, typ, None
            continue
        # 根据国家医保局《关于…的通知》: the body whose document it is, written right before its title
        if typ == "issues" and prev is not None and prev.label == "Agency" and text[prev.end:t.start] in ("", "的") \
                and text[t.start] == "《":
            yield prev, t, typ, None
            continue
        # 落实 A“…”P: A owns the programme that the subject carries out
        owner = _owner(text, ms[:i], t)
        if typ == "runs" and owner is not None:
            yield owner, t, typ, None
        actor = _actor(text, [m for m in ms[:i] if m.label in _ACTORS and not _inside(m, loc) and m is not owner], t, ms)
        if actor is None or (typ == "issues" and not any(a.label == "Agency" for a in _joint_group(text, ms, actor))):
            continue  # (A政府与B公司签订《P》: the agency of the two signs it)
        between = text[actor.end:t.start]
        # (the words of a title in between are the title's: 提交的《关于…推动…的提案》入选了P)
        if len(between) > _MAX_GAP or re.search(r"[。；！？]", between) or not _has(_TITLES.sub("", between), verbs):
            continue
        # a place acting in between (A 指导 B县 开展 P) takes the programme itself
        if any(m.label == "Place" and actor.end < m.start and m.end < t.start and not _inside(m, loc)
               and _subject_place(text, m, ms) and not _site(text, actor, m, ms) for m in ms):
            continue
        if "，" in between and _DEICTIC.search(between.split("，")[-1]):
            continue  # …，该社区总结出了P: the clause has a subject of its own
        if "，" in between and text[actor.start - 1:actor.start] in ("由", "被"):
            continue  # 平台由X提供技术支持，下一步将开展P: the agent of 由 acts in its own clause only
        for a in _joint_group(text, ms, actor):
            if typ == "runs" or a.label == "Agency":
                yield a, t, typ, None
    yield from _passive_issues(text, ms)


_ACCORDING = ("根据", "依据", "按照", "依照", "遵照", "对照", "落实", "贯彻")
_ADOPT_VERBS = ("采纳", "采用", "批准", "通过", "印发", "转发", "发布", "审议通过")


def _passive_issues(text, ms):
    """《P》…被A采纳/批准, 《P》已经A审议通过: the body after 被 (经, 由) adopts or issues the
    document written before it."""
    for i, a in enumerate(ms):
        if a.label != "Agency" or text[max(0, a.start - 1):a.start] not in ("被", "经", "由"):
            continue  # 被A批准, 已经A审议通过, 由A印发
        if not text[a.end:a.end + 4].startswith(_ADOPT_VERBS):
            continue
        # the nearest document or programme before: 经B审议，并被A批准 still speaks of that document
        p = next((m for m in reversed(ms[:i]) if m.label in ("Policy", "Program")), None)
        if p is not None and p.label == "Policy" and not re.search(r"[。；！？]", text[p.end:a.start]) \
                and len(text[p.end:a.start]) <= _MAX_GAP and (text[a.start - 1] == "被" or (
                    "，" not in text[p.end:a.start] and not text.endswith(_ACCORDING, 0, p.start))):
            # (经/由 only right after the document's title: 根据《X法》有关规定，经A批准 approves something else)
            yield a, p, "issues", None


# a body followed by some of its people is not itself the actor (和睦会会长、秘书长,
# 省人大代表); the rank and file (民警, 志愿者, 党员) act for the body and stay out of this list
_PEOPLE = re.compile("(?:" + "|".join(r for r in _ROLES if r not in ("民警", "干警", "志愿者", "党员", "队员", "成员",
                                                                      "网格员", "社工")) + ")(?!会)")
_CREATE = ("组建", "成立", "建立", "设立", "吸纳", "邀请")
_CREATED = re.compile(f"(?:{'|'.join(_CREATE)})(?:社区|小区|村|街道|镇|乡)?$")  # 组建社区“X队”
_INSTRUMENT = ("以", "依托", "借助", "依靠", "通过")
_CARRY_OUT = ("落实", "贯彻", "执行", "响应")
# a clause after a comma opened by 该村/我县 (not a site: 在我县, 对本市)
_DEICTIC = re.compile(r"^[^，在于对为向到赴]{0,4}(?:该|我|本)(?:省|州|市|县|区|镇|乡|村|社区|街道)")


def _actor(text, actors, t, ms):
    """The actor of programme t: the nearest actor before it that is not a modifier or an
    object. 以B为载体 / 依托B: B is the means, and the actor is the one written right
    before 以 (none if it is not an entity)."""
    for m in reversed(actors):
        after = text[m.end:t.start]
        before = text[max(0, m.start - 2):m.start]
        instrument = next((w for w in _INSTRUMENT if before.endswith(w)), None)
        if instrument:
            return next((a for a in actors if a.end == m.start - len(instrument)), None)
        if _members(text, m, ms) or before.endswith("来自") or _visited(text, m, actors) \
                or _HEARD.search(text, max(0, m.start - 4), m.start):
            continue  # (听取了A关于…的通报，审议通过了《P》: A reported; the meeting adopts P)
        # A组建B，由…，开展P: B is what A set up; A goes on acting after the comma
        if _CREATED.search(text, max(0, m.start - 8), m.start) and "，" in after:
            continue
        return m
    return None


_HEARD = re.compile(r"(?:听取|听取了|审阅|传达|传达了|学习了|收到)$")
# A深入B、C等企业调研: B and C are visited, not acting
_VISIT = ("深入", "走进", "走访", "来到", "前往", "到访", "探访", "看望", "慰问", "考察", "调研", "进驻")


def _visited(text, m, actors):
    """Is actor m (or the list it ends) the object of a visit verb?"""
    start = m.start
    while True:
        sep = next((w for w in _LIST_SEP if text.endswith(w, 0, start)), None)
        prev = sep and next((a for a in actors if a.end == start - len(sep)), None)
        if prev is None:
            break
        start = prev.start
    return text[max(0, start - 2):start].endswith(_VISIT)


def _members(text, m, ms):
    """<body><post> in a list of people with no name after (和睦会理事长、…), or its deputies
    and members (市人大代表、政协委员): people of the body, not the body. Its head alone
    (局长带队…) or an official named after the post (民政部部长王某表示，…) speaks for the
    body, which stays the actor."""
    post = _PEOPLE.match(text, m.end)
    if post is None:
        return False
    if post.group() in ("代表", "委员"):
        return True
    if not text.startswith("、", post.end()):
        return False  # 县民政局局长带队开展P: the body acts through its head
    person = next((p for p in ms if p.start >= m.end), None)
    return person is None or person.label != "Person" or _role(text[m.end:person.start]) is None


def _owner(text, before, t):
    """落实A“…”—P: the actor right after a carry-out verb owns P when only quoted words,
    dashes or 的 stand between them."""
    actor = next((m for m in reversed(before) if m.label in _ACTORS), None)
    if actor is None or not text[max(0, actor.start - 2):actor.start].endswith(_CARRY_OUT):
        return None
    gap = text[actor.end:t.start]
    if len(gap) <= 12 and re.fullmatch(r"(?:的|[—－-]+|“[^“”，。]{1,8}”)*", gap):
        return actor
    return None


def _site(text, actor, m, ms):
    """Is place m, between the actor and its programme, a where: after a 在 of the same
    clause, or in a list closed by 等地?"""
    gap = text[actor.end:m.start]
    if "在" in gap.split("，")[-1] or gap.endswith(_TO):
        return True
    end = _list_end(text, ms, m, places_only=True)
    return text[end:end + 2] == "等地"


def _locative_ranges(text, ms):
    """Spans of 在/赴/到 A、B(等地) … up to the next verb: the places there are where, not who."""
    ranges = []
    for m in ms:
        if text[max(0, m.start - 1):m.start] in _TO:
            ranges.append((m.start - 1, _list_end(text, ms, m)))
    return ranges


def _list_end(text, ms, m, places_only=False):
    """The end of the list that m begins (A、B和C), its items among ms."""
    end = m.end
    for n in ms:
        if n.start >= end and (not places_only or n.label == "Place") and text[end:n.start] in _LIST_SEP:
            end = n.end
    return end


def _places_end(text, ms, end):
    """The end of a list of places whose first item ends at end (某区某街道、某区某街道)."""
    for n in ms:
        if n.start >= end and n.label == "Place" and (n.start == end or text[end:n.start] in _LIST_SEP):
            end = n.end
    return end


def _inside(m, ranges):
    return any(a <= m.start and m.end <= b for a, b in ranges)


def _joint_group(text, ms, actor):
    """actor and the actors enumerated or joined with it (A、B 联合 C …)."""
    actors = [m for m in ms if m.label in _ACTORS]
    i = actors.index(actor)
    lo = hi = i
    while lo > 0 and (_joins(gap := _gap(text, actors[lo - 1], actors[lo])) or (
            _CARRIED_JOINT.fullmatch(gap) and _opens_clause(text, actors[lo - 1]))):
        lo -= 1  # (A立足职能，联合B开展P: the clause's subject too)
    while hi + 1 < len(actors) and _joins(_gap(text, actors[hi], actors[hi + 1])):
        hi += 1
    return actors[lo:hi + 1]


def _gap(text, a, b):
    """The words between two mentions, less a region written before b (、湖南张家界市中院)."""
    gap = text[a.end:b.start]
    for sep in _LIST_SEP:
        if gap.startswith(sep) and 2 <= len(gap) - len(sep) <= 3 and not re.search(r"[，。；、和及与]", gap[len(sep):]):
            return sep
    return gap


def _joins(gap):
    gap = _LEAD.sub("", gap)  # A牵头，会同B: A stays in the group
    return gap in _LIST_SEP or (gap in JOINT) or (gap.endswith(JOINT) and len(gap) <= 4) or bool(_WITH.fullmatch(gap)) \
        or bool(_JOINT_UNNAMED.fullmatch(gap))


# A联合小区业主委员会和B: a party the text does not name, listed before a named one
_JOINT_UNNAMED = re.compile(f"(?:{'|'.join(JOINT)})[^，。；、“”《》]{{2,10}}(?:和|、|及|以及)")


# X位于Y, 坐落在Y, 地处Y: where a place, a body or an organisation is
_SITED = re.compile(r"(?:就|也|则|正)?(?:位于|坐落于|坐落在|地处)")


def _in_referred(text, ms, refs):
    """该街道柳湾社区, 我市溧城街道: a place written right after a reference to the place it is in."""
    for r in refs:
        m = next((m for m in ms if m.start == r.end), None)
        if m is not None and m.label == "Place" and m.key != r.key:
            yield m, r, "located_in", None


def _located(text, ms):
    for i, a in enumerate(ms):
        if a.label not in ("Place", *_ACTORS):
            continue
        cue = _SITED.match(text, a.end)
        if cue is None:
            continue
        chain = []
        for m in ms[i + 1:]:
            if m.label != "Place" or m.start != (chain[-1].end if chain else cue.end()):
                break
            chain.append(m)  # 溧阳市|天目湖镇: the lowest place of the chain is where it is
        if chain and chain[-1].key != a.key and not text.startswith(("与", "和", "、", "及"), chain[-1].end):
            yield a, chain[-1], "located_in", None  # (not 地处A镇与B镇交界处: between them)


# P是由A、B联手打造的…，具体由C承办: the bodies after 由 set P up (P written or referred to)
_BY = re.compile(r"[，,]?(?:具体|主要|均|并|则|也|再)?(?:是)?由")
_MADE_BY_VERBS = tuple(v for v in RUN_VERBS if v != "组织") + ("主办", "承办", "协办", "举办", "发起", "出品", "运营")


_MADE_BY_HEAD = re.compile(f"(?:、?[^，。；、]{{2,12}}?)??(?:{'|'.join(JOINT)}|牵头|负责|具体|共同|组织)?(?:{'|'.join(_MADE_BY_VERBS)})")


def _actors_from(text, ms, at) -> list:
    """The actors listed from offset `at` on (A、B和C), the first starting right there; [] if none does."""
    group = []
    for a in ms:
        if a.start < at or a.label not in _ACTORS:
            continue
        if (group and text[group[-1].end:a.start] not in _LIST_SEP) or (not group and a.start != at):
            break
        group.append(a)
    return group


def _made_by(text, ms, s):
    for i, p in enumerate(ms):
        if p.label != "Program":
            continue
        pos = p.end
        while (by := _BY.match(text, pos, s.end)) is not None and (pos == p.end or by.group().startswith(("，", ","))):
            group = _actors_from(text, ms[i + 1:], by.end())
            if not group:
                return
            # the verb within a few characters (an unnamed party may be listed last: 、X团队承办)
            rest = re.split(r"[，。；,;]", text[group[-1].end:s.end], maxsplit=1)[0][:18]
            # (the verb first in what follows, a joint word or 牵头/负责 before it: 由A联手打造, 由B负责建设)
            if not _MADE_BY_HEAD.match(rest):
                return
            for a in group:
                yield a, p
            nxt = text.find("，", group[-1].end, s.end)  # the next clause may go on: ，具体由C承办
            if nxt < 0:
                return
            # or name the next hosts without 由: 由A主办，B、C承办
            yield from _co_hosts(text, ms[i + 1:], nxt + 1, s, p)
            pos = nxt


_HOST_CLAUSE = re.compile(f"(?:{'|'.join(JOINT)})?(?:主办|承办|协办|执办|联办|指导)")


def _hosts_before(text, ms, s):
    """由A主办，B、C共同承办，D执办的…“P”活动: the hosts named before the event they hold."""
    by = text.find("由", s.start, s.end)
    if by < 0:
        return
    hosts, pos = [], by + 1
    while True:
        group = _actors_from(text, ms, pos)
        verb = _HOST_CLAUSE.match(text, group[-1].end) if group else None
        if verb is None:
            break
        hosts += group
        if text.startswith(("，", "、"), verb.end()):
            pos = verb.end() + 1  # the next clause: B、C共同承办 (or 由A主办、B协办的P)
            continue
        if text.startswith("的", verb.end()) and hosts:
            p = next((m for m in ms if m.label == "Program" and m.start > verb.end()), None)
            if p is not None and not re.search(r"[，。；]", text[verb.end():p.start]):
                for a in hosts:
                    yield a, p
        break


def _co_hosts(text, ms, at, s, p):
    """B、C承办 (a clause of hosts right after 由A主办): each of them runs P too."""
    group = _actors_from(text, ms, at)
    if group and text.startswith(("承办", "协办", "联办", "共同承办"), group[-1].end):
        for a in group:
            yield a, p


# 这条夜间集市街, 该活动, 此项目: a programme written as a reference, standing for the one
# programme of that kind its article names before it
_PROGRAM_REFERENCE = re.compile(r"(?:这条|这个|这项|这一|该|此(?![前后外时处])|本次|此次|本届|此届)[\u4e00-\u9fff]{0,6}"
                                r"(市集|集市|夜市|街|活动|项目|工程|行动|平台|(?<![环细季关])节|赛|赛事)(?![\u4e00-\u9fff]{0,1}[长部])")
_PROGRAM_KINDS = {"市集": ("市集", "集市", "夜市"), "集市": ("市集", "集市", "夜市"), "夜市": ("市集", "集市", "夜市"),
                  "街": ("市集", "集市", "夜市", "街"), "活动": ("活动",), "项目": ("项目",), "工程": ("工程",),
                  "行动": ("行动",), "平台": ("平台",), "节": ("节",), "赛": ("赛", "赛事"), "赛事": ("赛", "赛事")}


def _program_references(text, mentions, sents) -> dict[int, list]:
    programs = sorted((m for m in mentions if m.label == "Program" and m.key), key=lambda m: m.start)
    if not programs:
        return {}
    article_of = {}
    for m in mentions:
        article_of.setdefault(m.sent, m.article)
    out = {}
    for si, s in enumerate(sents):
        for r in _PROGRAM_REFERENCE.finditer(text, s.start, s.end):
            ends = _PROGRAM_KINDS[r.group(1)]
            article = article_of.get(si)
            before = {m.key for m in programs if m.end <= r.start() and m.name.endswith(ends)
                      and (article is None or m.article == article)}
            if len(before) == 1:
                out.setdefault(si, []).append(_Reference(r.start(), r.end(), before.pop(), si, label="Program"))
    return out


# ---- partners_with

def _partners(text, ms):
    i = 0
    while i < len(ms):
        a = ms[i]
        if a.label not in _ACTORS:
            i += 1
            continue
        group = _listed(text, ms, i)
        after = _WHEN.sub("", _TALLY.sub("", text[group[-1].end:group[-1].end + 16], count=1))[:2]
        joined = text[max(0, a.start - 2):a.start].endswith(JOINT)  # A联合B、C等共同…: B, C are A's partners only
        if len(group) > 1 and not joined and (after in JOINT or _JOINTLY.match(after) or _paired(text, ms, group)):
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    yield group[x], group[y], "partners_with", None
        elif len(group) > 2 and not joined and text[group[-2].end:group[-1].start] in ("与", "同") \
                and after.startswith(_COOPERATE):
            for x in group[:-1]:  # A、B与C结对: each of A, B with C
                yield x, group[-1], "partners_with", None
        last = group[-1]
        j = ms.index(last) + 1
        if j < len(ms) and ms[j].label in _ACTORS:
            gap = _LEAD.sub("", text[last.end:ms[j].start])
            others = _listed(text, ms, j)
            with_them = _WITH.fullmatch(gap) and _TALLY.sub("", text[others[-1].end:others[-1].end + 12], count=1) \
                .startswith(JOINT + ("共",) + _COOPERATE)  # A还与B、C联合出台, A还与B签订: A acts jointly with B and C
            after_them = _WHEN.sub("", _TALLY.sub("", text[others[-1].end:others[-1].end + 12], count=1))
            if _RESPECTIVELY.fullmatch(gap) and after_them.startswith(_COOPERATE):
                # A、B分别与C、D签订: A with C and B with D; A分别与C、D签订: A with each
                pairs = zip(group, others) if len(group) == len(others) else \
                    ((a2, b) for a2 in group for b in others) if len(group) == 1 else ()
                for a2, b in pairs:
                    yield a2, b, "partners_with", None
            elif gap in JOINT or (len(gap) <= 6 and _has(gap, JOINT) and "，" not in gap) or with_them \
                    or _JOINT_UNNAMED.fullmatch(gap) or (_CARRIED_JOINT.fullmatch(gap) and _opens_clause(text, a)):
                # A 联合 B、C: A with each of B, C (and A's own co-listed actors)
                for b in others:
                    for a2 in group:
                        yield a2, b, "partners_with", None
        i = ms.index(last) + 1


# 等8个部门联合, 等5家单位共同: a count closing the list before the joint word
_TALLY = re.compile(r"^等(?:\d+|[一二三四五六七八九十]+)?(?:个|家)?(?:部门|单位|机构|方)?")
_WITH = re.compile("(?:还|也|又|并|再)?(?:与|同|和)")
# A立足职能，联合B、C…: the sentence's first body goes on being the subject past a clause of its own
_OPENER = re.compile(r"[，。；！？：\n](?:近年来|今年以来|去年以来|近期|近日|日前|目前|同时|此外|\d{1,2}月\d{1,2}日)?，?$")


def _opens_clause(text, a) -> bool:
    """Is `a` the subject of its clause: nothing but a time word between it and the clause's start?"""
    before = text[max(0, a.start - 12):a.start]
    return _OPENER.search(("\n" if a.start <= 12 else "") + before) is not None


_CARRIED_JOINT = re.compile("[^，。；！？、]{2,24}，(?:并|还|积极|主动|先后|多次|同时)?(?:" + "|".join(JOINT) + ")")
_RESPECTIVELY = re.compile("(?:还|也|又|并|再|将)?分别(?:与|同|和)")
# A、B日前联合发布: a time or manner word between the listed actors and the joint word
_JOINTLY = re.compile("共[建办推商治抓创育管享]")  # 共建, 共办 (not 共计, 共为, 共接待: a total)
_WHEN = re.compile("^(?:日前|近日|近期|此前|今年|今天|昨天|昨日|当天|当日|正式|还|也|又|再次|首次|已|将会(?!同)|将|要|会(?!同))+")  # (会同 is a joint word)
# A牵头，联合B: the lead actor's clause goes on past the comma
_LEAD = re.compile(r"^(?:牵头|主导|领衔)[，,]?(?:并|还)?")
# A与B签署/合作…: two parties as one subject of a cooperative act
_COOPERATE = ("签署", "签订", "合作", "共建", "合办", "联办", "评选", "举办", "主办", "发起", "达成", "缔结", "结对")


# 在贵阳签订, 日前在溧阳正式签署: when and where between the parties and their cooperative act
_PAIRED_ACT = re.compile(r"(?:在[\u4e00-\u9fff]{1,10}?)?(?:正式|共同)?(?:" + "|".join(_COOPERATE) + ")")


def _paired(text, ms, group):
    """A与B + a cooperative verb: the two act together (not A、B, a plain list of actors)."""
    if len(group) != 2 or text[group[0].end:group[1].start] not in ("与", "同"):
        return False
    rest = re.split(r"[，。；,;：]", text[group[1].end:group[1].end + 20], maxsplit=1)[0]
    return _PAIRED_ACT.match(_WHEN.sub("", rest)) is not None


def _listed(text, ms, i):
    group = [ms[i]]
    for m in ms[i + 1:]:
        if m.label == "Place" and m.start > group[-1].end:
            continue  # 、湖南张家界市: a region before the next item
        if m.label in _ACTORS and _gap(text, group[-1], m) in _LIST_SEP:
            group.append(m)
        else:
            break
    return group


# ---- implemented_in

# 我省, 全市, 本县: the document's division of that level; 该村, 该镇: the last one named before.
# Not 全省率先, 全市首家, 全区第一: a rank within the division, not the division at work.
_REFERENCE = re.compile(r"(?:(?<![安完健])[我全本](省|州|市|县|区)|该(村|社区|镇|乡|街道|县|市|区|州))"
                        r"(?![委级长场内外属县]|政府|率先|首家|首个|首创|首批|第一[名位家个批]|领先|前列|排名)")
# levels a reference's character names: 市 a municipality, a prefecture or a county-level city;
# 区 an autonomous region or a district
_LEVELS = {"省": ("province",), "州": ("prefecture",), "市": ("province", "prefecture", "county"),
           "县": ("county",), "区": ("province", "county")}
_TITLE_SPAN = re.compile(r"《[^《》]*》")


@dataclass
class _Reference:
    """A place written as a reference (我省, 该村): a side of implemented_in, nothing else."""
    start: int
    end: int
    key: str
    sent: int
    label: str = "Place"
    outer: bool = True
    attrs: dict = field(default_factory=dict)


def _place_references(text, mentions, sents) -> dict[int, list]:
    """References to places, by sentence, each with the key of the place it stands for:
    我/全/本 + level, the first division of that level its sentence names before it (the
    subject: 嘉兴市学习湖州市经验，在全市推广), else the only one its article (or document)
    names; of a chain (江苏省常州市溧阳市), the lowest; 该 + level, the last place of that
    level named before it in the article. Places inside a programme's or a document's name
    (“天山X”工程) and venues (在北京召开的…) are not candidates."""
    named = [m for m in mentions if m.label in ("Program", "Policy")]
    places = sorted((m for m in mentions if m.label == "Place" and m.key
                     and not any(n.start <= m.start and m.end <= n.end for n in named)), key=lambda m: m.start)
    if not places:
        return {}
    titles = [t.span() for t in _TITLE_SPAN.finditer(text)]
    starts = [s.start for s in sents]
    chains = _chains(places)
    out = {}
    for r in _REFERENCE.finditer(text):
        if any(a < r.start() < b for a, b in titles):
            continue
        article = next((p.article for p in reversed(places) if p.start < r.start()), places[0].article)
        same = [p for p in places if p.article == article]
        si = bisect.bisect_right(starts, r.start()) - 1
        if r.group(1):
            of_level = lambda ps: _lowest([p for p in ps if _is_level(p, r.group(1))], chains)  # noqa: E731
            in_sent = of_level(p for p in same if sents[si].start <= p.start < r.start())
            # a venue (在北京召开的会议上) is the subject only if the sentence names no other
            subjects = [p for p in in_sent if text[p.start - 1:p.start] not in _TO] or in_sent
            place = subjects[0] if subjects else _only(of_level(same)) or _only(of_level(places))
        else:
            place = next((p for p in reversed(same) if p.start < r.start() and _ends_level(p, r.group(2))), None)
        if place is not None:
            out.setdefault(si, []).append(_Reference(r.start(), r.end(), place.key, si))
    return out


# 该院, 本局: the body of that kind last named before, in its article (该院副院长X: a post of it)
_BODY_REFERENCE = re.compile(r"(?:该|本)(院|局|委|厅|所|馆)(?=[\u4e00-\u9fff])(?!士)")  # not 该院士
_BODY_ENDS = {"院": ("院",), "局": ("局",), "委": ("委员会", "委"), "厅": ("厅",), "所": ("所",), "馆": ("馆",)}


_JOINED_BY = JOINT + ("与", "同")
_NOT_JOINING = ("参与", "陪同", "不同", "相同", "如同", "赞同")  # words that end with 与 or 同


def _referred_body(text, before, ends, article):
    """The last body of the kind (ends) in the article, before a reference to it; not a partner
    the actor was joined with (A联合B局…。该局…: A's, if A is of the kind), unless only partners are."""
    first = None
    for b in reversed(before):
        if b.article != article:
            break
        if not b.name.endswith(ends):
            continue
        if not (text.endswith(_JOINED_BY, 0, b.start) and not text.endswith(_NOT_JOINING, 0, b.start)):
            return b
        first = first or b
    return first


def _body_references(text, mentions, sents) -> dict[int, list]:
    """References to bodies (该院, 本局), by sentence, each standing for the last agency or
    organisation of that kind its article names before it: an actor, a partner or an employer."""
    bodies = sorted((m for m in mentions if m.label in _ACTORS and m.key and m.outer), key=lambda m: m.end)
    if not bodies:
        return {}
    ends = [b.end for b in bodies]
    starts = [s.start for s in sents]
    article_of = {m.sent: m.article for m in mentions}  # a sentence's article, from its mentions
    out = {}
    for r in _BODY_REFERENCE.finditer(text):
        si = bisect.bisect_right(starts, r.start()) - 1
        article = article_of.get(si)
        body = _referred_body(text, bodies[:bisect.bisect_right(ends, r.start())], _BODY_ENDS[r.group(1)], article)
        if body is not None:
            out.setdefault(si, []).append(_Reference(r.start(), r.end(), body.key, si, label=body.label))
    for si, ref in _speakers_bodies(text, mentions, sents):
        out.setdefault(si, []).append(ref)
    return out


# X局局长Y表示，下一步，将会同B、C开展…: the speaker's body is who acts with B and C. The
# clause has no subject of its own and its verb is a joint one (not 将加强, whose subject may be anyone)
_SAYS = re.compile(r"(?:表示|说|介绍|指出|透露)[，,：:](?:(?:下一步|下步|今后|接下来|未来|同时|此外|近期|明年|今年)[，,]?)*"
                   r"(?=(?:还将|也将|将会|将|要|还要|会)?(?:" + "|".join(JOINT) + "))")
_SPOKESPERSON = re.compile("(?:有关|相关|主要)?负责人|新闻发言人|发言人")
_POST_END = re.compile(f"(?:{_ROLE_ALT})$")


def _speakers_bodies(text, mentions, sents):
    """(sentence, a reference standing for the speaker's body at the start of what they say)."""
    by_sent = {}
    for m in mentions:
        if m.outer:
            by_sent.setdefault(m.sent, []).append(m)
    for si, s in enumerate(sents):
        for r in _SAYS.finditer(text, s.start, s.end):
            said = r.start()
            before = sorted((m for m in by_sent.get(si, []) if m.end <= said), key=lambda m: m.start)
            people = [m for m in before if m.label == "Person" and m.end == said]
            body = next((m for m in reversed(before) if m.label in _ACTORS and m.key), None)
            if body is None:
                continue
            # the body's own person says it: X局局长Y, X局有关负责人 (not 受到X局表彰的教师Y)
            post = text[body.end:people[0].start] if people else None
            if not (post is not None and (post == "" or _POST_END.search(post)) and not re.search("[的，、。]", post)
                    or _SPOKESPERSON.fullmatch(text, body.end, said)):
                continue
            yield si, _Reference(r.end(), r.end(), body.key, si, label=body.label)


def _is_level(p, level_char):
    return p.attrs.get("level") in _LEVELS[level_char] and p.name.endswith(level_char)


def _chains(places) -> dict[int, int]:
    """For each place (by id()), the first place of the chain written without a break
    that it ends (江苏省常州市溧阳市: one chain), places sorted by start."""
    chain, by_end = {}, {p.end: p for p in places}
    for p in places:
        prev = by_end.get(p.start)
        chain[id(p)] = chain[id(prev)] if prev is not None else id(p)
    return chain


def _lowest(candidates, chains):
    """Candidates without those a lower candidate of the same written chain lies in
    (江苏省常州市溧阳市 for 全市: 溧阳市; 广西南宁市青秀区 for 全区: 青秀区), in order;
    嘉兴市 … 海宁市 written apart stay both."""
    gaz = load_divisions()
    divs = [(p, place_division(p)) for p in candidates]
    out = []
    for p, d in divs:
        under = [q for q, e in divs if q is not p and d is not None and e is not None and gaz.is_under(e, d)]
        # 苏州市昆山市、太仓市: a region before a list of its places is the one meant, not the first item
        if not under or any(chains[id(q)] != chains[id(p)] for q in under):
            out.append(p)
    return out


def _only(places):
    """The one division among places, if they name one only: a paper's 我省 may come before
    it names its province; a round-up of news names many, and 全省 is none of them."""
    keys = {p.key for p in places}
    return places[0] if len(keys) == 1 else None


def _ends_level(p, word):
    if word in ("县", "市", "区", "州"):
        return p.attrs.get("level") in ("county", "prefecture") and p.name.endswith(word)
    return p.attrs.get("level") in (None, "township") and p.name.endswith(word)


# the bodies of one sector in a whole division (全州法院, 全市医保系统, 全县各级党组织)
_WHOLE_SECTOR = re.compile(r"(?:各级)?(?:法院|检察院|党组织|[\u4e00-\u9fff]{2,4}(?:系统|机关|部门))的?")


def _implemented(text, ms, s, breaks=frozenset()):
    seen = set()
    for i, p in enumerate(ms):
        if p.label != "Program":
            continue
        prev = ms[i - 1] if i else None
        # 浙江省“10分钟养老服务圈”, 宁波81890热线; 全州法院“X”行动: the bodies of a whole division
        if prev is not None and prev.label == "Place" and (text[prev.end:p.start] in ("", "的") or isinstance(
                prev, _Reference) and text[prev.start] == "全" and _WHOLE_SECTOR.fullmatch(text, prev.end, p.start)):
            seen.add((p.key, prev.key))
            yield p, prev, "implemented_in", None
            continue
        # 在 A、B 等地 开展 P
        for places in _where(text, ms[:i], p):
            for pl in places:
                if (p.key, pl.key) not in seen:
                    seen.add((p.key, pl.key))
                    yield p, pl, "implemented_in", None
        # 在东湖社区，“暖邻帮”志愿服务队…: a sentence-opening 在X，sets the scene
        opener = _scene_opener(text, ms[:i], s)
        if opener is not None and not any(m.label in _ACTORS or m.label == "Program" for m in ms[:i] if m.start > opener.end) \
                and (p.key, opener.key) not in seen:
            seen.add((p.key, opener.key))
            yield p, opener, "implemented_in", None
        # A县 (…，) 推行 P: the place is the subject, no actor in between
        subj = _place_subject(text, ms[:i], p, s, breaks)
        while subj is not None:
            if (p.key, subj.key) not in seen:
                seen.add((p.key, subj.key))
                yield p, subj, "implemented_in", None
            # A县、B县推行P: every place of the subject list
            subj = next((o for o in ms[:i] if o.label == "Place" and text[o.end:subj.start] in _LIST_SEP), None)
        # “P”已覆盖A村、B村: the places it covers
        cover = _COVERS.match(text, p.end)
        if cover is not None:
            for pl in _listed_places(text, ms[i + 1:], cover.end()):
                if (p.key, pl.key) not in seen:
                    seen.add((p.key, pl.key))
                    yield p, pl, "implemented_in", None
        # 推进P，并在A、B开展试点: where the one programme of the sentence is piloted
        if sum(m.label == "Program" for m in ms) == 1:
            for pl in _piloted_in(text, ms[i + 1:], s):
                if (p.key, pl.key) not in seen:
                    seen.add((p.key, pl.key))
                    yield p, pl, "implemented_in", None


_COVERS = re.compile(r"(?:已|已经|现已|目前已|将)?(?:全面)?(?:覆盖|延伸至|延伸到|推广至|推广到)了?")


def _listed_places(text, after, at):
    """The places listed from `at` (A村、B村和C村; 溧阳市|天目湖镇: the lowest of a chain)."""
    out, pos = [], at
    for m in after:
        if m.start < pos or m.label != "Place":
            if m.start >= pos:
                break
            continue
        gap = text[pos:m.start]
        if out and gap == "" and m.start == out[-1].end:
            out[-1] = m  # 溧阳市|天目湖镇: the lowest of the chain
        elif (not out and gap == "") or (out and gap in _LIST_SEP):
            out.append(m)
        else:
            break
        pos = m.end
    return out


# 在A、B(等地)开展试点, 已在A、B等县市推广: the places where it is piloted or rolled out
# (实施, 开展 only with nothing after them: 在A开展入户走访 is another activity)
_PILOT_AFTER = re.compile(r"(?:等(?:[\d一二三四五六七八九十]+个)?(?:地|县市区|县市|县区|市县|区县|乡镇|镇村|村|社区|地区)?)?"
                          r"(?:(?:开展|进行|启动|先行|全面|率先|逐步)?(?:试点|先行先试|推广|推行|铺开|落地|试行|上线)"
                          r"|(?:全面|深入|逐步)?(?:实施|开展)(?=[，。；！]|$))")


def _piloted_in(text, after, s):
    """The places of a later clause 在A、B(等地)开展试点 (the places right after 在, listed)."""
    places = []
    for m in after:
        if m.label != "Place":
            break
        sep = text[places[-1].end:m.start] if places else text[max(s.start, m.start - 1):m.start]
        if places and sep == "":
            places[-1] = m  # 凯里市|某街道: the region only qualifies the place
        elif (places and sep in _LIST_SEP) or (not places and sep == "在"):
            places.append(m)
        else:
            break
    if places and _PILOT_AFTER.match(text, places[-1].end):
        yield from places


def _scene_opener(text, ms, s):
    """The place of a sentence-opening 在X， (在东湖社区，…), if any."""
    opener = next((m for m in ms if m.label == "Place" and m.start >= s.start), None)
    if opener is not None and text[max(s.start, opener.start - 1):opener.start] == "在" \
            and opener.start - 1 <= s.start + 2 and text[opener.end:opener.end + 1] == "，":
        return opener
    return None


_QUOTED = re.compile(r"“([^“”]+)”")


def _scene_team(text, ms, s, programs):
    """在东湖社区，“暖邻帮”志愿服务队…: the team the sentence is about is based there, and the
    programme it is named for (暖邻帮, a mention of its own elsewhere) runs there."""
    opener = _scene_opener(text, ms, s)
    if opener is None:
        return
    team = next((m for m in ms if m.start > opener.end), None)
    if team is None or team.label != "Organization" or team.start != opener.end + 1 or not team.name.endswith("队") \
            or not text.startswith("“", team.start):
        return  # a brand's team (“暖邻帮”志愿服务队), not one named by its home (X省第二医疗队)
    yield team, opener, "located_in", None
    core = _QUOTED.match(text, team.start, team.end)
    if core and core.group(1) in programs:
        yield programs[core.group(1)], opener, "implemented_in", None


_COUNTED = re.compile(r"等(?:\d+|[一二三四五六七八九十百]+)个[\u4e00-\u9fff]{1,3}?(?=(?:成功|顺利|正式)?(?:入选|获批|被列为|列入))")  # 等15个街道
_SELECTED = re.compile(r"(?:成功|顺利|正式)?(?:入选|获批|被列为|被确定为|列入)")


def _selected(text, ms):
    """A入选P (A获批P试点), or P名单…，A成功入选: a place chosen for a pilot list."""
    for i, m in enumerate(ms):
        if m.label != "Place" or (i + 1 < len(ms) and ms[i + 1].label == "Place" and ms[i + 1].start == m.end):
            continue  # 浙江省|宁波市: the region only qualifies the place after it
        v = _SELECTED.match(text, m.end)
        if v is None:  # A、B等15个街道入选: every place of the list
            tail = _COUNTED.match(text, _places_end(text, ms, m.end))
            v = tail and _SELECTED.match(text, tail.end())
        if not v:
            continue
        after = next((p for p in ms[i + 1:] if p.label == "Program"), None)
        if after is not None and after.start - v.end() <= 8 and not re.search(r"[，。；]", text[v.end():after.start]):
            yield after, m, "implemented_in", None
        elif text[v.end():v.end() + 1] in ("。", "，", "；", ""):
            # the list was named before: 公布了首批P名单，…，A成功入选
            listed = next((p for p in reversed(ms[:i]) if p.label == "Program"
                           and LIST_AFTER.match(text, p.end)), None)
            if listed is not None:
                yield listed, m, "implemented_in", None


def _where(text, before, p):
    for j, m in enumerate(before):
        if m.label != "Place":
            continue
        if text[max(0, m.start - 1):m.start] not in _TO:
            # A、B 等地 + verb: a list of places needs 等地 to be the where; an item and the
            # place its region qualifies (吉林|通化) were taken with the list's first item
            if j and before[j - 1].label == "Place" and text[before[j - 1].end:m.start] in (*_LIST_SEP, ""):
                continue
            group_end = next((n.end for n in reversed(before[j:]) if n.label == "Place"), m.end)
            if not re.match(r"等地", text[group_end:group_end + 2]):
                continue
        places = [m]
        for n in before[j + 1:]:
            if n.label == "Place" and text[places[-1].end:n.start] == "":
                places[-1] = n  # 吉林通化, 恩施市舞阳坝街道: the region only qualifies the place
            elif n.label == "Place" and text[places[-1].end:n.start] in _LIST_SEP:
                places.append(n)
            elif n.label in _ACTORS and text[places[-1].end:n.start] in _LIST_SEP:
                continue  # 在市中心和九江、赣州等地: the actor is a site, not a place
            else:
                break
        tail = text[places[-1].end:p.start]
        tail = _PLACES_END.sub("", tail)
        if len(tail) <= 12 and "，" not in tail and _has(tail, RUN_VERBS):
            yield places


def _subject_place(text, m, ms):
    """Is the Place m the subject of its clause (not a modifier of a following name)?"""
    nxt = next((n for n in ms if n.start >= m.end and not isinstance(n, _Reference)), None)  # 河北|全省
    if nxt is not None and nxt.start == m.end:
        return False
    start = m.start
    while True:  # 某县|某镇|某村: the last place of a chain is the subject the chain opens
        outer = next((o for o in ms if o.label == "Place" and o.end == start and o.start < start), None)
        if outer is None:
            break
        start = outer.start
    before = text[max(0, start - 1):start]
    if before == "、":  # an item of a list: the list's subject unless the list follows 在 (在A、B推广P)
        first = start
        while (q := next((o for o in ms if o.label == "Place" and text[o.end:first] == "、"), None)) is not None:
            first = q.start
        return text[max(0, first - 1):first] not in _TO
    return before in ("", "，", "。", "：", "\n") or start == 0


# 各地通过P, 以P为载体: a place subject using a programme carries it out
_PLACE_USES = re.compile(r"^(?:各地|各级|全域)?(?:通过|以|采取|采用|运用)$")  # not 依托: a platform of others
_USES_END = re.compile(r"(?:采取|采用|运用|推广)了?$")  # 全市N个议事室采取P: the place's units use it


# 该村推行的P: a place right before a launching verb and 的 launched what follows, wherever it stands
_ATTRIBUTIVE = re.compile(f"(?:{'|'.join(RUN_VERBS)})了?的")


def _place_subject(text, before, p, s, breaks=frozenset()):
    for m in reversed(before):
        if m.label in _ACTORS:
            if text.endswith(JOINT, 0, m.start):
                continue  # A区还联合B大学开展P: B is A's partner; the place before still carries P out
            return None  # an actor nearer the programme runs it
        if m.label != "Place" or not (_subject_place(text, m, before) or _opens_line(m, before, breaks)
                                      or _opens(text, m, before, s) or _ATTRIBUTIVE.fullmatch(text, m.end, p.start)):
            continue
        gap = text[m.end:p.start]
        if len(gap) > _MAX_GAP or re.search(r"[。；！？]", gap):
            return None
        clause = gap.split("，")[-1]
        if _has(clause, RUN_VERBS) or (len(gap.split("，")) == 1 and _has(gap, RUN_VERBS)) \
                or _PLACE_USES.match(gap) or (len(gap) <= 20 and "，" not in gap and _USES_END.search(gap)):
            return m
        return None
    return None


def _opens_line(m, ms, breaks):
    """A place after a line break starts its clause (a subheading, then X市推行P); so does the
    last of a chain of places that opens the line (常州市|金坛区: the district)."""
    if not breaks:
        return False
    head = m
    while (q := next((n for n in ms if n.label == "Place" and n.end == head.start), None)) is not None:
        head = q
    return head.start in breaks


def _opens(text, m, ms, s):
    """A place that opens its sentence (after a closing quote: …。”A县推行P) and names nothing after it."""
    nxt = next((n for n in ms if n.start >= m.end), None)
    return m.start == s.start and (nxt is None or nxt.start > m.end)


# ---- holds_position

# an office inside a body, named by its function only (…法院执行局, …局办公室, …厅财务处)
_OFFICE = re.compile(r"[\u4e00-\u9fff]{0,6}(?:科|处|股|室)|执行局")


def _positions(text, ms, inner):
    for i, a in enumerate(ms):
        if a.label not in _ACTORS or a.attrs.get("source") == "news-app":
            continue  # X日报Y新闻记者: the reporter is the paper's (see _bylines)
        for b in ms[i + 1:]:
            if b.label != "Person":
                if b.start > a.end and not _title_before_name(text, b, ms):
                    break
                continue
            between = text[a.end:b.start]
            role = _role(between)
            if role and "、" in role and (a.name or "").startswith("中共"):
                # 县委副书记、县长X: the committee's post; the government's is the government's
                kept = list(itertools.takewhile(lambda r: not _GOVERNMENT_POST.search(r), role.split("、")))
                role = "、".join(kept) or role
            if role:
                parent = _office_of(text, a, inner.get(a.start, []))
                for p in _listed_people(text, ms, b):
                    yield p, a, "holds_position", role
                    if parent is not None:  # the office's head holds a post of the body
                        yield p, parent, "holds_position", text[parent.end:a.end] + role
                    # 市委常委、市委组织部部长林海: earlier posts of the same person
                    for body, post in _earlier_posts(text, ms, a):
                        yield p, body, "holds_position", post
            break


# a post said alone, and the kind of body it is a post of (局长: a 局)
_POST_OF = (("检察长", ("检察院",)), ("局长", ("局",)), ("院长", ("院",)), ("庭长", ("庭",)), ("所长", ("所",)),
            ("站长", ("站",)), ("厅长", ("厅",)), ("部长", ("部",)), ("馆长", ("馆",)), ("行长", ("银行",)),
            ("校长", ("学校", "中学", "小学", "大学", "学院")), ("队长", ("队",)), ("董事长", ("公司", "集团")),
            ("总经理", ("公司", "集团")), ("会长", ("协会", "商会", "学会")), ("主任", ("委员会", "办公室", "中心")),
            ("书记", ("党委", "党工委", "党支部", "党总支", "纪委")), ("主席", ("联合会", "工会", "商会")))
_BARE_POSTS = re.compile(f"(?:{_ROLE_ALT})(?:、(?:{_ROLE_ALT}))*")


def _subject_posts(text, ms, s):
    """X局召开…会议，副局长张三出席: a post said alone after a clause break is a post of the
    body the sentence names before it, when that is the one body of the post's kind (局长: a 局)."""
    for p in ms:
        if p.label != "Person":
            continue
        k = max(s.start, *(text.rfind(c, s.start, p.start) + 1 for c in "，；："))
        post = text[k:p.start]
        if k == s.start or not _BARE_POSTS.fullmatch(post) or any(k <= m.start < p.start for m in ms):
            continue
        last = re.split("、", post)[-1]
        kinds = next((ks for role, ks in _POST_OF if last.endswith(role)), None)
        if kinds is None:
            continue
        bodies = {m.key: m for m in ms if m.label in _ACTORS and m.end < k and _of_kind(m, kinds, last)}
        if len(bodies) == 1:
            yield p, next(iter(bodies.values())), "holds_position", post


def _of_kind(m, kinds, role):
    name = m.name or m.text
    if role.endswith("书记") and name.startswith("中共") and name.endswith("委员会"):
        return True  # 中共X县委员会: the county's party committee
    return name.endswith(kinds)


def _title_before_name(text, m, ms):
    """Is m a quoted title between a post and its holder (党委书记、“楼栋长”王某)?"""
    return text[m.start - 1:m.start + 1] == "、“" and text[m.end - 1] == "”" \
        and any(p.label == "Person" and p.start == m.end for p in ms)


def _office_of(text, a, inner):
    """The body that agency a is an office of (…中院|执行局), or None."""
    body = max((n for n in inner if n.end < a.end), key=lambda n: n.end, default=None)
    if body is None or body.text.endswith("委") or not _OFFICE.fullmatch(text[body.end:a.end]):
        return None
    return body


def _earlier_posts(text, ms, a):
    """(body, role) pairs chained before body a with 、: X常委、Y部长、 a …"""
    i = ms.index(a)
    while i > 0:
        m = re.search(r"、$", text[:ms[i].start])
        prev = next((b for b in reversed(ms[:i]) if b.label in _ACTORS and b.end < ms[i].start), None)
        if not m or prev is None:
            return
        role = _role(text[prev.end:ms[i].start - 1])
        if not role or any(x.start >= prev.end and x.end <= ms[i].start for x in ms if x is not prev):
            return
        yield prev, role
        i = ms.index(prev)


def _role(between):
    """The post in "<body><sub-unit><role>(、<role>)*" before a name, or None."""
    between = re.sub(r"、“[^“”]{1,8}”$", "", between)  # 党委书记、“楼栋长”陈芳: a title, not a post
    byline = re.fullmatch(r"(?:讯|消息)?[（(](?:本报|本台)?(记者|通讯员|见习记者|特约记者)", between)
    if byline:
        return byline.group(1)  # X日报讯（记者 Y）: the paper's reporter
    if not between or len(between) > 16 or re.search(r"[，。；：,（）()]", between):
        return None
    rest = between.strip("的")
    if not _ROLE_END.search(rest):
        return None
    # strip chained roles from the end; what is left must be one sub-unit name
    while True:
        m = _ROLE_END.search(rest)
        if not m:
            break
        rest = rest[: m.start()].rstrip("、")
    if re.search(r"[、和与及]", rest):
        return None  # A局、B局局长X: the post is B局's
    return between.strip("的")


def _listed_people(text, ms, first):
    people = [first]
    for m in ms[ms.index(first) + 1:]:
        if m.label == "Person" and text[people[-1].end:m.start] in ("、", "和"):
            people.append(m)
        else:
            break
    return people


_APPOINT = ("选举", "任命", "推选", "聘任", "聘请", "选出")
_LIST_HEADER = re.compile("(?:任命|聘任|提名)[：:]")


def _in_appointments(text, at) -> bool:
    """Is `at` the start of an item of a list under 决定任命：? (X为Y局局长；Z为…。: the list ends
    at its first 。)"""
    if text[at - 1:at] not in ("：", ":", "；", ";", "\n"):
        return False
    header = None
    for header in _LIST_HEADER.finditer(text, max(0, at - 600), at):
        pass
    return header is not None and "。" not in text[header.end():at]


def _elections(text, ms, s, elected):
    """X当选为<body>第九届委员会主席; "Y、Z当选为副主席" continues the last body named."""
    found = []
    for i, p in enumerate(ms):
        if p.label != "Person" or (i and ms[i - 1].label == "Person" and text[ms[i - 1].end:p.start] in ("、", "和")):
            continue
        people = _listed_people(text, ms, p)
        after = text[people[-1].end:s.end]
        verb = next((v for v in ELECT if after.startswith(v)), None)
        if verb is None and after.startswith("为") and (text.endswith(_APPOINT, 0, people[0].start)
                                                       or _in_appointments(text, people[0].start)):
            verb = "为"  # 大会选举X为…副主任, 任命Y为…局长, 决定任命：X为…；Y为…
        pos = people[-1].end + len(verb or "")
        if verb is None:
            # X…，(在换届中，)当选Y书记: the sentence's subject, no other person before the verb
            k = min((after.find("，" + v) for v in ELECT[:2] if after.find("，" + v) >= 0), default=-1)
            if k < 0 or any(m.label == "Person" and people[-1].end < m.start < people[-1].end + k for m in ms):
                continue
            verb = next(v for v in ELECT[:2] if after.startswith(v, k + 1))
            pos = people[-1].end + k + 1 + len(verb)
        body = next((m for m in ms if m.start == pos and m.label in _ACTORS), None)
        role_start = body.end if body else pos
        rm = _ROLE_AFTER_BODY.match(text, role_start, s.end)
        if rm is None:
            continue
        if body is not None:
            elected = body
        target = body or elected
        if target is not None:
            found += [(q, target, rm.group()) for q in people]
        # 当选村党支部书记、村委会主任: another body and post after 、
        pos = rm.end()
        while text[pos:pos + 1] == "、":
            nxt = next((m for m in ms if m.start == pos + 1 and m.label in _ACTORS), None)
            more = nxt and _ROLE_NEXT.match(text, nxt.end, s.end)
            if not more:
                break
            found += [(q, nxt, more.group()) for q in people]
            pos = more.end()
    return found, elected


# 切实|行使, 扎实|行动: 实行 inside other words is no verb
_NOT_SHIXING = re.compile("[切扎如落踏朴真务严]实行")


def _has(between, words):
    if any(w in between for w in words if w != "实行"):
        return True
    return "实行" in words and "实行" in _NOT_SHIXING.sub("", between)


def _rel(head, tail, typ, s, role=None):
    return {"source": head.key, "target": tail.key, "type": typ, "role": role,
            "evidence": {"start": s.raw_start, "end": s.raw_end}}
