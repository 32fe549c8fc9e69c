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
    raw = single + "。\n\n江西\n\n推进老年助餐服务工作\n\n" + "\n\n".join(COLUMN)
    lines = repair(raw).text.split("\n")
    assert lines[-3:] == ["江西", "推进老年助餐服务工作", "".join(COLUMN)]


def test_blank_lines_between_long_paragraphs_are_breaks():
    # a web page: every paragraph is one long line, with a blank line between
    para = "本报讯今年以来，社区坚持党建引领，整合各方资源，推动服务下沉到小区楼栋，居民满意度持续提升。" * 2
    raw = "\n\n".join([para, "推行“网格”服务 擦亮治理底色", para] * 6)
    lines = repair(raw).text.split("\n")
    assert lines[:3] == [para, "推行“网格”服务擦亮治理底色", para]


def test_wrapped_column_lines_are_not_headlines():
    single = "\n".join(["前言部分文字按照单倍行距排版而成，"] * 30)
    wrapped = ["多位企业代表、社区群众和新闻记者应邀", "出席。",  # full-width line with inner punctuation
               "学校始终坚持“健康第一", "全面育人”理念。",  # an open quote runs on
               "全年共受理劳动争议案件 412", "件，调解 398 件。",  # a number runs on
               "通报 2024 年全市社保工作推进情", "况。"]  # spaces around digits are not spaced names
    raw = single + "。\n\n" + "\n\n".join(wrapped)
    lines = repair(raw).text.split("\n")
    assert lines[-4:] == ["多位企业代表、社区群众和新闻记者应邀出席。", "学校始终坚持“健康第一全面育人”理念。",
                          "全年共受理劳动争议案件412件，调解398件。", "通报2024年全市社保工作推进情况。"]


def test_an_authors_credit_closes_a_brief_on_a_double_spaced_page():
    # briefs on one page: each ends with its authors' spaced names in brackets, then the next
    # brief's headline follows after as few blank lines as a wrapped line has
    raw = "\n\n".join(COLUMN * 3 + ["（王 建 华 赵刚）", "柳湾村发展茶产业"] + COLUMN * 3
                      + ["惠及居民。(李 强)", "新闻简讯"] + COLUMN * 3)
    lines = repair(raw).text.split("\n")
    assert lines[0].endswith("（王建华赵刚）") and lines[1].startswith("柳湾村发展茶产业")
    assert lines[1].endswith("(李强)") and lines[2].startswith("新闻简讯")
    # a bracket that closes a wrapped line inside a sentence is no credit
    raw = "\n\n".join(COLUMN * 3 + ["各乡镇（街道）", "、国有林场开展培训。"] + COLUMN * 3)
    assert "\n" not in repair(raw).text


def test_a_brief_after_an_authors_credit_is_an_article_of_its_own():
    from govgraph.extract.articles import article_index
    sents = ["溧阳市开展活动。", "（王建华赵刚）", "宜兴市推进改革。", "（下转第二版）", "县里介绍经验。"]
    assert article_index(sents) == [0, 0, 1, 1, 1]


def test_a_two_part_headline_on_a_double_spaced_page_is_its_own_paragraph():
    raw = "\n\n".join(COLUMN * 3 + ["溧阳市：", "提振信心促消费 点亮城市夜经济", "社 区 是 城 市 治 理 的“最 后 一 公",
                                   "里”，也是联系服务群众的纽带。"] + COLUMN * 3)
    text = repair(raw).text
    assert "点亮城市夜经济\n社区是城市治理的" in text
    # a body line with a space inside a number or between every character stays in its paragraph
    raw = "\n\n".join(COLUMN * 3 + ["全年共受理案件 412", "件，调 解 398 件。"] + COLUMN * 3)
    assert "412件" in repair(raw).text.replace(" ", "")


def test_a_note_a_numbered_heading_and_a_name_line_are_no_credit_or_headline():
    from govgraph.extract.articles import article_index
    sents = ["桃源县人民政府召开会议。", "（以上数据来源于县统计局）", "副县长王志强讲话。", "（十一）", "县里部署工作。"]
    assert article_index(sents) == [0, 0, 0, 0, 0]
    text = repair("会议当天，县委书记\n王建国 县长李明华\n出席了活动并讲话，会议很成功。").text
    assert "\n" not in text
