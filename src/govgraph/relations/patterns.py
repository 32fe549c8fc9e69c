"""Typed relations stated by a sentence, found from the order of its entity
mentions and the cue words between them:

* runs (Agency/Organization -> Program): 开展, 推出, 实施, 打造 …
* issues (Agency -> Policy): 印发, 出台, 制定, 发布, 签署 …
* implemented_in (Program -> Place): a Place as the actor of a launching verb, 在…试点
* partners_with (between joint actors): 联合, 联手, 携手, 会同, 共同; "A 联合 B、C" -> A–B, A–C
* holds_position (Person -> Agency/Organization, with role): 局长王某 right after the body
"""

import re

from ..nlp.candidates import naming

RUN_VERBS = ("开展", "推出", "实施", "打造", "推行", "组建", "牵头", "创新", "启动", "建立", "构建", "探索", "创建",
             "开通", "上线", "设立", "举办", "深化", "推进", "开设", "推广", "建设", "组织", "发起", "搭建", "成立")
ISSUE_VERBS = ("印发", "出台", "制定", "发布", "签署", "签订", "颁布", "出具", "修订", "通过", "审议", "起草", "联合发布", "下发", "发出")
JOINT = ("联合", "联手", "携手", "会同", "共同", "协同")
_ACTORS = ("Agency", "Organization")
_SEP = ("、", "和", "及", "与", "以及", "，")
_ROLE_RX = re.compile("(?:" + "|".join(sorted(naming()["roles"], key=len, reverse=True)) + ")$")


def pattern_relations(doc, mentions, sents) -> list[dict]:
    text = doc.text
    out = []
    by_sent = {}
    for m in mentions:
        if m.outer:
            by_sent.setdefault(m.sent, []).append(m)
    for si, ms in by_sent.items():
        ms.sort(key=lambda m: m.start)
        s = sents[si]
        for i, a in enumerate(ms):
            # the nearest actor before a programme/policy runs/issues it, across commas
            if a.label in ("Program", "Policy"):
                actor = next((m for m in reversed(ms[:i]) if m.label in _ACTORS), None)
                if actor is not None and actor.label == ("Agency" if a.label == "Policy" else actor.label):
                    between = text[actor.end:a.start]
                    verbs = ISSUE_VERBS if a.label == "Policy" else RUN_VERBS
                    if len(between) <= 60 and _has(between, verbs) and not any(
                            m.label == "Place" and m.start > actor.end and m.end < a.start and text[m.end:m.end + 2] in verbs
                            for m in ms):
                        out.append(_rel(actor, a, "issues" if a.label == "Policy" else "runs", s))
            # A、B 联合/共同 …: every pair of the joint actors
            if a.label in _ACTORS and (i == 0 or ms[i - 1].label not in _ACTORS or text[ms[i - 1].end:a.start] not in _SEP):
                group = _enumerated(ms, a, text)
                if len(group) > 1 and text[group[-1].end:group[-1].end + 2] in JOINT:
                    for x in range(len(group)):
                        for y in range(x + 1, len(group)):
                            out.append(_rel(group[x], group[y], "partners_with", s))
            for b in ms[i + 1:]:
                between = text[a.end:b.start]
                if len(between) > 30 or re.search(r"[。；！？]", between):
                    break
                clause_break = "，" in between or "," in between
                if a.label == "Place" and b.label == "Program" and _has(between, RUN_VERBS) and not clause_break:
                    out.append(_rel(b, a, "implemented_in", s))
                if a.label in _ACTORS and b.label in _ACTORS and _has(between, JOINT) and len(between) <= 6:
                    for c in _enumerated(ms, b, text):
                        out.append(_rel(a, c, "partners_with", s))
                if a.label in _ACTORS and b.label == "Person" and 0 < len(between) <= 10 and not clause_break:
                    role = _ROLE_RX.search(between.replace("、", ""))
                    if role and not re.search(r"[，、和与及]", between[:max(0, len(between) - len(role.group()))][-1:] or ""):
                        out.append(_rel(b, a, "holds_position", s, role=between.strip("的")))
        # "在X试点/推行" where the program follows in the same clause
        for a in ms:
            if a.label == "Place" and text[max(s.start, a.start - 1):a.start] == "在":
                for b in ms:
                    if b.label == "Program" and b.start > a.end and _has(text[a.end:b.start], RUN_VERBS + ("试点",)) \
                            and "，" not in text[a.end:b.start]:
                        out.append(_rel(b, a, "implemented_in", s))
    return out


def _has(between, words):
    return any(w in between for w in words)


def _enumerated(ms, first, text):
    """first and the actors joined to it by 、/和/及/与 (A 联合 B、C)."""
    group = [first]
    idx = ms.index(first)
    for m in ms[idx + 1:]:
        gap = text[group[-1].end:m.start]
        if m.label in _ACTORS and gap in _SEP:
            group.append(m)
        else:
            break
    return group


def _rel(head, tail, typ, s, role=None):
    return {"source": head.key, "target": tail.key, "type": typ, "role": role,
            "evidence": {"start": s.raw_start, "end": s.raw_end}}
