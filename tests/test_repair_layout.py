"""Page layout in OCR repair: which blank lines are paragraph breaks."""

from govgraph.ingest.repair import repair

COLUMN = ["社区开展了丰富多彩的文化活动并取得", "成效。区民政局联合街道办事处推进养", "老服务改革，建设了一批服务站点和日",
          "间照料中心，惠及辖区老年居民共计三", "千余人次。"]  # a 17-character column


def test_double_spaced_column_lines_are_not_paragraphs():
    # a single-spaced part makes the page look single-spaced overall, so blank lines
    # are candidate breaks; a headline break must not cascade down the column
    single = "\n".join(["前言部分文字按照单倍行距排版而成，"] * 30)
    raw = single + "。\n\n标题短\n\n" + "\n\n".join(COLUMN)
    text = repair(raw).text
    body = text.split("\n")[-1]
    assert body == "".join(COLUMN)
    assert "\n标题短\n" in text


def test_two_line_headline_still_breaks():
    single = "\n".join(["正文按照单倍行距排版的内容文字如，"] * 30)
    raw = single + "。\n\n湖北\n\n开展社区租赁试点工作\n\n" + "\n\n".join(COLUMN)
    lines = repair(raw).text.split("\n")
    assert lines[-3:] == ["湖北", "开展社区租赁试点工作", "".join(COLUMN)]


def test_blank_lines_between_long_paragraphs_are_breaks():
    # a web page: every paragraph is one long line, with a blank line between
    para = "本报讯今年以来，社区坚持党建引领，整合各方资源，推动服务下沉到小区楼栋，居民满意度持续提升。" * 2
    raw = "\n\n".join([para, "探索“管家”服务 提升幸福成色", para] * 6)
    lines = repair(raw).text.split("\n")
    assert lines[:3] == [para, "探索“管家”服务提升幸福成色", para]


def test_wrapped_column_lines_are_not_headlines():
    single = "\n".join(["前言部分文字按照单倍行距排版而成，"] * 30)
    wrapped = ["部分人大代表、政协委员和媒体记者应邀", "参加。",  # full-width line with inner punctuation
               "法院始终坚持“绿水青山", "就是金山银山”理念。",  # an open quote runs on
               "全年共办理环境资源案件 385", "件，审结 367 件。",  # a number runs on
               "通报 2024 年全州法院工作开展情", "况。"]  # spaces around digits are not spaced names
    raw = single + "。\n\n" + "\n\n".join(wrapped)
    lines = repair(raw).text.split("\n")
    assert lines[-4:] == ["部分人大代表、政协委员和媒体记者应邀参加。", "法院始终坚持“绿水青山就是金山银山”理念。",
                          "全年共办理环境资源案件385件，审结367件。", "通报2024年全州法院工作开展情况。"]
