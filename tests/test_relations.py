"""Each relation type on sentences written for the tests (names invented or generic)."""

import pytest

from govgraph.ingest import make_document
from govgraph.nlp import load_pipeline, process
from govgraph.pipeline import extract_document


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def run(nlp, text):
    d = make_document("t.txt", text)
    ((dd, doc),) = process(nlp, [d])
    r = extract_document(dd, doc)
    names = {m["key"]: m["name"] for m in r["mentions"]}
    rels = {(names.get(x["source"], x["source"]), x["type"], names.get(x["target"], x["target"]))
            for x in r["relations"]}
    return r, rels


def test_issues_by_a_bureau_of_two_functions_and_by_a_body_that_adopts(nlp):
    _, rels = run(nlp, "近日，省发展改革委、省工业和信息化厅联合印发《江苏省促进民营经济发展若干措施》。")
    assert ("江苏省工业和信息化厅", "issues", "江苏省促进民营经济发展若干措施") in rels
    assert ("江苏省发展和改革委员会", "partners_with", "江苏省工业和信息化厅") in rels
    _, rels = run(nlp, "《溧阳市养犬管理条例》已经溧阳市人大常委会审议通过，将于明年施行。")
    assert ("溧阳市人民代表大会常务委员会", "issues", "溧阳市养犬管理条例") in rels


def test_issues_and_partners_over_an_enumeration(nlp):
    _, rels = run(nlp, "常州市民政局、常州市财政局联合印发《常州市社区养老服务管理办法》。")
    assert ("常州市民政局", "issues", "常州市社区养老服务管理办法") in rels
    assert ("常州市财政局", "issues", "常州市社区养老服务管理办法") in rels
    assert ("常州市民政局", "partners_with", "常州市财政局") in rels
    # 将, 将会 before the joint word; and 会同 (joint) after a list
    _, rels = run(nlp, "溧阳市住建局、溧阳市城管局将联合开展“净美家园”行动。")
    assert ("溧阳市住房和城乡建设局", "partners_with", "溧阳市城市管理局") in rels
    _, rels = run(nlp, "溧阳市民政局、溧阳市财政局会同溧阳市审计局开展专项检查。")
    assert ("溧阳市民政局", "partners_with", "溧阳市审计局") in rels
    assert ("溧阳市民政局", "partners_with", "溧阳市财政局") in rels


def test_parties_that_sign_together_where_and_respectively(nlp):
    text = ("江苏省人民政府与浙江省人民政府在南京签订《苏浙合作框架协议》。"
            "省发展改革委、省商务厅分别与浙江省发展改革委、浙江省商务厅签订了合作备忘录。")
    r, rels = run(nlp, text)
    # A与B在X签订: a venue between the parties and the act
    assert ("江苏省人民政府", "partners_with", "浙江省人民政府") in rels
    # a relative name and the same body written with its place, in one sentence, are two bodies:
    # the relative one is of the article's other province
    names = {m["surface"]: m["name"] for m in r["mentions"]}
    assert names["省发展改革委"] == "江苏省发展和改革委员会"
    # (not a short name written after the full one, in a clause of its own: the same body)
    r, _ = run(nlp, "溧阳市召开全市安全生产会议。溧阳市应急管理局召开会议，市应急管理局局长王建华出席。溧阳市各镇参加，宜兴市派员观摩。")
    assert {m["name"] for m in r["mentions"] if m["surface"] == "市应急管理局"} == {"溧阳市应急管理局"}
    assert names["省商务厅"] == "江苏省商务厅"  # (a head before 分别 ends the name)
    # A、B分别与C、D签订: A with C, B with D, not A with D
    assert ("江苏省发展和改革委员会", "partners_with", "浙江省发展和改革委员会") in rels
    assert ("江苏省商务厅", "partners_with", "浙江省商务厅") in rels
    assert ("江苏省发展和改革委员会", "partners_with", "浙江省商务厅") not in rels
    _, rels = run(nlp, "溧阳市第一中学、溧阳市实验小学与常州市金坛区教育局结对，开展“组团式”帮扶。")
    assert ("溧阳市第一中学", "partners_with", "常州市金坛区教育局") in rels, rels
    assert ("溧阳市实验小学", "partners_with", "常州市金坛区教育局") in rels, rels
    assert ("溧阳市第一中学", "partners_with", "溧阳市实验小学") not in rels, rels
    _, rels = run(nlp, "溧阳市商务局分别与常州市供销合作总社、溧阳市总工会签订了合作协议。")
    assert ("溧阳市商务局", "partners_with", "常州市供销合作总社") in rels
    assert ("溧阳市商务局", "partners_with", "溧阳市总工会") in rels


def test_a_speaker_s_body_acts_with_the_bodies_they_name(nlp):
    # X局局长Y表示，下一步，将会同B、C开展P: the speaker's body is the subject
    _, rels = run(nlp, "溧阳市市场监管局局长王建华表示，下一步，将会同溧阳市卫生健康委、溧阳市农业农村局开展"
                       "“放心作坊”提质行动。")
    assert ("溧阳市市场监督管理局", "runs", "放心作坊提质行动") in rels
    assert ("溧阳市市场监督管理局", "partners_with", "溧阳市卫生健康委员会") in rels
    assert ("溧阳市市场监督管理局", "partners_with", "溧阳市农业农村局") in rels
    _, rels = run(nlp, "溧阳市市场监管局有关负责人表示，将联合溧阳市公安局开展“护苗”专项行动。")
    assert ("溧阳市市场监督管理局", "partners_with", "溧阳市公安局") in rels
    # not a body the speaker is no member of (one that honoured them; the paper that interviews them)
    _, rels = run(nlp, "受到溧阳市民政局表彰的退休教师王建华表示，将联合溧阳市总工会开展“银龄”志愿服务活动。")
    assert not any(h == "溧阳市民政局" for h, t, _ in rels if t in ("runs", "partners_with")), rels
    _, rels = run(nlp, "王建华在接受溧阳日报采访时表示，将联合溧阳市公安局开展“护苗”专项行动。")
    assert not any(t == "partners_with" for _, t, _ in rels), rels


def test_a_joins_b_and_c(nlp):
    _, rels = run(nlp, "溧阳市人民检察院会同溧阳市水利、农业农村、生态环境等四部门出台《天目湖水源地保护联动办法》。")
    for other in ("溧阳市水利局", "溧阳市农业农村局", "溧阳市生态环境局"):
        assert ("溧阳市人民检察院", "partners_with", other) in rels
        assert (other, "issues", "天目湖水源地保护联动办法") in rels
    # A 会同 B、C: B and C are not said to partner each other
    assert ("溧阳市水利局", "partners_with", "溧阳市生态环境局") not in rels
    # the clause's subject past a clause of its own: A立足职能，联合B、C开展P
    _, rels = run(nlp, "天目湖报讯\n近年来，溧阳市人民检察院立足公益诉讼检察职能，联合溧阳市水利局、溧阳市生态环境局开展"
                       "“守护天目湖”专项监督活动。")
    for other in ("溧阳市水利局", "溧阳市生态环境局"):
        assert ("溧阳市人民检察院", "partners_with", other) in rels, rels
    assert ("溧阳市人民检察院", "runs", "守护天目湖") in rels, rels
    # not a body that is no subject of its clause (王建华在A工作多年，联合B…: 王建华 does)
    _, rels = run(nlp, "王建华在溧阳市民政局工作多年，联合溧阳市总工会开展“暖冬”活动。")
    assert ("溧阳市民政局", "partners_with", "溧阳市总工会") not in rels, rels


def test_shared_head_enumeration_names_one_court_per_place(nlp):
    r, rels = run(nlp, "无锡市、安徽芜湖市及铜陵市中院联合签订《跨界水域环境审判合作备忘录》。")
    names = {m["name"] for m in r["mentions"] if m["label"] == "Agency"}
    assert {"无锡市中级人民法院", "芜湖市中级人民法院", "铜陵市中级人民法院"} <= names
    assert ("无锡市中级人民法院", "partners_with", "芜湖市中级人民法院") in rels
    assert ("芜湖市中级人民法院", "issues", "跨界水域环境审判合作备忘录") in rels
    places = {m["name"] for m in r["mentions"] if m["label"] == "Place"}
    assert {"无锡市", "芜湖市", "铜陵市"} <= places  # the places stay places too


def test_runs_by_verb_and_by_possession(nlp):
    _, rels = run(nlp, "常州市民政局推出“幸福里”工程。无锡市广播电视台《民生直通车》栏目每周播出。")
    assert ("常州市民政局", "runs", "幸福里工程") in rels
    assert ("无锡市广播电视台", "runs", "民生直通车") in rels
    # 抓实, 设置 set a programme up too; a verb inside a title in between does not
    _, rels = run(nlp, "溧阳市医疗保障局抓实“暖心服务工程”。溧阳市政务服务中心为快递员设置了“暖蜂驿站”。"
                       "溧阳市总工会提交的《关于推动职工权益保障的建议》入选“年度好建议”。")
    assert ("溧阳市医疗保障局", "runs", "暖心服务工程") in rels
    assert ("溧阳市政务服务中心", "runs", "暖蜂驿站") in rels
    assert not any(t == "runs" and p.startswith("年度好建议") for _, t, p in rels)


def test_the_bodies_a_programme_is_made_by_even_through_a_reference_to_it(nlp):
    text = ("“夜·溧阳—星光市集”开街。市民涌入“夜·溧阳——星光市集”。据了解，这条夜间集市街，是由溧阳市商务局、"
            "溧阳市总工会联手打造的夜间经济新地标，具体由溧阳市星光传媒公司、溧阳市青年创业团队承办。")
    r, rels = run(nlp, text)
    programs = {m["key"] for m in r["mentions"] if m["label"] == "Program"}
    assert programs == {"program/夜·溧阳——星光市集"}  # one market, however its dash is written
    for actor in ("溧阳市商务局", "溧阳市总工会", "溧阳市星光传媒公司", "溧阳市青年创业团队"):
        assert (actor, "runs", "夜·溧阳——星光市集") in rels, actor
    # 本届文化节由A主办，B、C承办: the festival's hosts, the co-hosts without a 由 of their own
    _, rels = run(nlp, "第三届“茶山文化节”在溧阳开幕。本届文化节由溧阳市人民政府主办，溧阳市文体广电和旅游局、"
                       "溧阳市总工会承办。")
    for actor in ("溧阳市人民政府", "溧阳市文体广电和旅游局", "溧阳市总工会"):
        assert (actor, "runs", "茶山文化节") in rels, actor
    # 由A主办，B、C共同承办，D执办的…P: the hosts named before the event
    _, rels = run(nlp, "近日，由江苏省文化和旅游厅主办，常州市锡剧院、溧阳市文体广电和旅游局共同承办，溧阳市文化馆执办的"
                       "文化进万家“送戏下乡”活动在溧阳开展。")
    for actor in ("江苏省文化和旅游厅", "常州市锡剧院", "溧阳市文体广电和旅游局", "溧阳市文化馆"):
        assert (actor, "runs", "送戏下乡活动") in rels, actor
    # 由A主办、B协办的P: the clauses of hosts joined by 、
    _, rels = run(nlp, "由溧阳市妇联主办、溧阳市人力资源和社会保障局协办的“巧手家政”技能提升行动在溧城街道启动。")
    for actor in ("溧阳市妇女联合会", "溧阳市人力资源和社会保障局"):
        assert (actor, "runs", "巧手家政") in rels, actor
    # a reference with two programmes of its kind before it stands for neither
    _, rels = run(nlp, "“星光市集”和“月光市集”开街。这条集市街是由溧阳市商务局打造的。")
    assert not any(t == "runs" for _, t, _ in rels)


def test_two_divisions_of_one_level_side_by_side_are_a_list_not_one_in_the_other(nlp):
    _, rels = run(nlp, "通车后，将缓解杭州宁波间的交通压力。支持湖北湖南灾后重建。江苏溧阳天目湖镇开展活动。")
    assert not any(t == "located_in" and h in ("宁波市", "湖南省") for h, t, _ in rels), rels
    assert ("溧阳市", "located_in", "江苏省") in rels


def test_a_community_after_its_street_is_not_a_division_of_that_name_elsewhere(nlp):
    r, rels = run(nlp, "家住贵阳市花溪区清溪街道明珠社区的居民说，明珠社区环境变好了。")
    keys = {m["key"] for m in r["mentions"] if m["surface"] == "明珠社区"}
    assert keys == {"place/明珠社区"}, keys  # one place (not the 明珠社区 directly under a district of 蚌埠)
    assert ("清溪街道明珠社区", "located_in", "花溪区清溪街道") in rels, rels


def test_a_place_after_a_reference_to_its_township_is_in_it(nlp):
    _, rels = run(nlp, "记者近日从溧阳市溧城街道获悉，该街道柳湾社区推行“邻里议事厅”模式。")
    assert ("柳湾社区", "located_in", "溧阳市溧城街道") in rels, rels
    _, rels = run(nlp, "溧阳市召开推进会。会上，我市天目湖镇作交流发言。")
    assert ("天目湖镇", "located_in", "溧阳市") in rels, rels


def test_a_programme_covers_the_places_listed_after_it(nlp):
    _, rels = run(nlp, "目前，“村村通客车”已覆盖柳湾村、桃园村等12个村。“家门口服务”覆盖面广。")
    assert {("村村通客车", "implemented_in", "柳湾村"), ("村村通客车", "implemented_in", "桃园村")} <= rels, rels
    assert not any(h.startswith("家门口") for h, _, _ in rels)


def test_located_in_said_with_weiyu(nlp):
    _, rels = run(nlp, "溧阳天目湖茶业有限公司位于溧阳市天目湖镇，是一家茶叶企业。")
    assert ("溧阳天目湖茶业有限公司", "located_in", "溧阳市天目湖镇") in rels, rels
    assert ("溧阳天目湖茶业有限公司", "located_in", "溧阳市") not in rels


def test_implemented_in_place_actor_and_where(nlp):
    _, rels = run(nlp, "金坛区积极推行“邻里帮”模式。常州市民政厅在溧阳、武进等地稳步推进“安居乐”试点。")
    assert ("邻里帮模式", "implemented_in", "金坛区") in rels
    assert ("安居乐试点", "implemented_in", "溧阳市") in rels
    assert ("安居乐试点", "implemented_in", "武进区") in rels
    assert not any(h == "溧阳市" and t == "runs" for h, t, _ in rels)
    # a list of places as the subject: each carries it out; a list after 在: the places of that clause only
    _, rels = run(nlp, "溧阳市、宜兴市推行“河长制”。")
    assert {("河长制", "implemented_in", "溧阳市"), ("河长制", "implemented_in", "宜兴市")} <= rels
    _, rels = run(nlp, "天目湖镇将在柳湾村、桃园村推广经验，并在南山竹海景区周边试点“共享停车”项目。")
    assert ("共享停车项目", "implemented_in", "南山竹海景区") in rels
    assert not any(h == "共享停车项目" and t in ("柳湾村", "桃园村") for h, _, t in rels)


def test_holds_position_from_a_list_of_appointments(nlp):
    text = ("溧阳市人大常委会人事任免名单\n决定任命：\n王建华为溧阳市发展和改革委员会主任；\n李晓燕为溧阳市教育局局长。\n"
            "免去：\n张志强的溧阳市交通运输局局长职务。")
    _, rels = run(nlp, text)
    assert ("王建华", "holds_position", "溧阳市发展和改革委员会") in rels, rels
    assert ("李晓燕", "holds_position", "溧阳市教育局") in rels, rels
    assert not any(h == "张志强" for h, t, _ in rels if t == "holds_position"), rels
    # the list ends at its first 。
    _, rels = run(nlp, "会议决定任命：李晓燕为溧阳市教育局局长。会议还听取了说明；张志强为溧阳市人民医院院长的候选人作了发言。")
    assert ("李晓燕", "holds_position", "溧阳市教育局") in rels
    assert not any(h == "张志强" for h, t, _ in rels if t == "holds_position"), rels


def test_holds_position_chains_lists_and_elections(nlp):
    r, rels = run(nlp, "无锡市财政局党组书记、局长钱立新致辞。孙浩然当选为无锡市科协第三届委员会主席，"
                       "陈思远、林若曦当选为副主席。")
    assert ("钱立新", "holds_position", "无锡市财政局") in rels
    assert ("孙浩然", "holds_position", "无锡市科学技术协会") in rels
    assert ("陈思远", "holds_position", "无锡市科学技术协会") in rels
    assert ("林若曦", "holds_position", "无锡市科学技术协会") in rels
    roles = {x["role"] for x in r["relations"] if x["type"] == "holds_position"}
    assert "党组书记、局长" in roles and "副主席" in roles


def test_evidence_is_the_raw_sentence(nlp):
    raw = "前言。\n常州市民政局推出“幸福\n里”工程。"
    d = make_document("t.txt", raw)
    ((dd, doc),) = process(nlp, [d])
    r = extract_document(dd, doc)
    (runs,) = [x for x in r["relations"] if x["type"] == "runs"]
    ev = runs["evidence"]
    assert ev["doc"] == "t.txt"
    assert raw[ev["start"]:ev["end"]] == ev["text"] == "常州市民政局推出“幸福\n里”工程。"


def test_places_listed_before_dengdi_and_a_scene_setting_place(nlp):
    _, rels = run(nlp, "浙江湖州、福建莆田等地相继推行“共享菜园”模式。在红枫社区，“小橘灯”志愿服务队常年入户。")
    assert ("共享菜园模式", "implemented_in", "湖州市") in rels
    assert ("共享菜园模式", "implemented_in", "莆田市") in rels
    assert not any(h == "小橘灯志愿服务队" and t == "implemented_in" for h, t, _ in rels)  # a team is not a programme


def test_a_list_of_aims_is_not_a_list_of_programmes(nlp):
    r, _ = run(nlp, "努力构建“城乡互补、部门联动”的工作格局。")
    assert not [m for m in r["mentions"] if m["label"] == "Program"]


def test_posts_chained_before_a_name_and_after_an_election(nlp):
    _, rels = run(nlp, "湘西州委常委、州委组织部部长赵建国到会指导。周晓梅当选为青石村党支部书记、村委会主任。")
    assert ("赵建国", "holds_position", "中共湘西州委员会") in rels
    assert ("赵建国", "holds_position", "湘西州委组织部") in rels
    assert any(p == "周晓梅" and t == "holds_position" and "党支部" in b for p, t, b in rels)
    assert any(p == "周晓梅" and t == "holds_position" and "村民委员会" in b for p, t, b in rels)
    # an executive deputy and a civil-service rank are posts too
    r, rels = run(nlp, "溧阳市委常委、常务副市长王建华，溧阳市医保局二级调研员赵刚出席。")
    assert ("王建华", "holds_position", "中共溧阳市委员会") in rels
    assert ("赵刚", "holds_position", "溧阳市医疗保障局") in rels
    assert {x["role"] for x in r["relations"] if x["type"] == "holds_position"} >= {"二级调研员"}


def test_a_government_post_said_alone_is_a_post_of_the_one_government_of_its_level(nlp):
    text = ("副市长王建华到宜章县调研\n11月20日，副市长王建华带队到宜章县调研医保工作。郴州市政府副秘书长赵刚陪同。"
            "县委副书记、县长李强参加。")
    r, rels = run(nlp, text)
    assert ("王建华", "holds_position", "郴州市人民政府") in rels
    # the committee's post is the committee's; no county government is named, so 县长 is no one's
    roles = {(x["role"], x["target"]) for x in r["relations"] if x["type"] == "holds_position"}
    assert ("副书记", "agency/中共宜章县委员会") in roles
    assert not any(role.endswith("县长") for role, _ in roles)
    # no government named: a post of no one
    _, rels = run(nlp, "副县长王建华带队到柳湾村调研。")
    assert not any(t == "holds_position" for _, t, _ in rels)


def test_a_news_agency_dateline_names_its_reporters_employer(nlp):
    _, rels = run(nlp, "中新社南京12月3日电（记者 王建华）溧阳市近日推进社区治理。")
    assert ("王建华", "holds_position", "中新社") in rels, rels


def test_reporters_in_bylines_work_for_the_paper_of_the_masthead(nlp):
    text = "荆楚日报记者张明\n\n全市推进社区治理。\n\n本报讯（记者 王大海 李小红）近日，武汉市开展活动。"
    r, rels = run(nlp, text)
    assert ("王大海", "holds_position", "荆楚日报") in rels
    assert ("李小红", "holds_position", "荆楚日报") in rels
    # no masthead: a paper merely mentioned in the story is not the reporters' employer
    _, rels = run(nlp, "本报讯（记者 王大海）近日，《荆楚日报》报道了武汉市的活动。")
    assert not any(t == "holds_position" for _, t, _ in rels)


def test_election_of_the_sentence_subject_and_titles_in_a_post_chain(nlp):
    _, rels = run(nlp, "刘志强退伍后回到家乡，经过村民推选，当选青石村党支部书记、村委会主任。"
                       "青石村党委书记、“领头羊”周晓梅带头示范种植。")
    assert ("刘志强", "holds_position", "青石村党支部") in rels
    assert ("刘志强", "holds_position", "青石村村民委员会") in rels
    assert ("周晓梅", "holds_position", "青石村党委") in rels


def test_runs_skips_bodies_that_are_means_objects_or_members(nlp):
    # A成立B，…，开展P: the body that set the team up runs the programme
    _, rels = run(nlp, "武进区人民医院成立“仁心”志愿服务队，每月安排医护骨干进山入户，开展“健康进万家”义诊活动。")
    assert any(h == "武进区人民医院" and t == "runs" and p.startswith("健康进万家") for h, t, p in rels)
    assert not any(h == "仁心志愿服务队" and t == "runs" for h, t, _ in rels)
    # 依托B: B is the means; the actor before 依托 is not an entity here, so no one runs it
    _, rels = run(nlp, "眼下，院里依托“仁心”志愿服务队，持续深化“健康进万家”义诊活动。")
    assert not any(t == "runs" for _, t, _ in rels)
    # 市人大代表: deputies, not the congress; the inviting procuratorate is the actor
    _, rels = run(nlp, "受溧阳市人民检察院之邀，十余名市人大代表到天目湖镇开展“公益诉讼回头看”专题调研活动。")
    assert ("溧阳市人民检察院", "runs", "公益诉讼回头看") in rels
    assert [h for h, t, _ in rels if t == "runs"] == ["溧阳市人民检察院"]


def test_runs_through_sites_listed_before_dengdi_and_by_the_owner_of_a_campaign(nlp):
    # 在<unrecognised site>和A、B等地: the places are sites, the agency still runs it
    _, rels = run(nlp, "无锡市卫生健康委员会在市急救中心及江阴、宜兴等地启动“智慧急救”试点。")
    assert ("无锡市卫生健康委员会", "runs", "智慧急救试点") in rels
    assert ("智慧急救试点", "implemented_in", "江阴市") in rels
    # 落实 A“…”—P: A owns the campaign, the subject carries it out
    _, rels = run(nlp, "新北区应急管理局认真落实常州市应急管理局“安全生产月”——“隐患清零”专项行动安排。")
    assert ("常州市应急管理局", "runs", "隐患清零专项行动") in rels
    assert ("常州市新北区应急管理局", "runs", "隐患清零专项行动") in rels


def test_a_deictic_subject_takes_the_clause_from_an_earlier_body(nlp):
    _, rels = run(nlp, "宜兴市农业农村局的同志介绍，该镇近年来探索推行“三色积分”机制。")
    assert not any(t == "runs" for _, t, _ in rels)


def test_compound_names_state_their_immediate_container(nlp):
    _, rels = run(nlp, "江苏省常州市金坛区民政局立足民生。金坛区公安局城东派出所民警调解邻里纠纷。")
    assert ("常州市金坛区民政局", "located_in", "常州市金坛区") in rels  # the province is dropped from the name
    assert not any(h == "常州市金坛区民政局" and t == "located_in" and p in ("江苏省", "常州市") for h, t, p in rels)
    # a unit of a body is part of it, and in its place only through it
    assert ("常州市金坛区公安局城东派出所", "part_of", "常州市金坛区公安局") in rels
    assert not any(h == "常州市金坛区公安局城东派出所" and t == "located_in" for h, t, _ in rels)


def test_peer_bodies_written_together_are_not_units_of_each_other(nlp):
    _, rels = run(nlp, "溧阳市委市政府高度重视。")
    assert not any(t == "part_of" for _, t, _ in rels)


def test_a_body_named_after_a_place_of_the_text_is_located_there(nlp):
    _, rels = run(nlp, "常州日报记者报道，常州市推进社区治理，市民政局负责。")
    assert ("常州日报", "located_in", "常州市") in rels
    # a relative name writes no place: the text does not state where 市民政局 is
    assert not any(h == "常州市民政局" and t == "located_in" for h, t, _ in rels)
    _, rels = run(nlp, "苏州市、南通市及泰州市中院签订《沿江生态审判协作备忘录》。")
    # the courts of an enumeration are named through its items, which state no place
    assert not any(h in ("苏州市中级人民法院", "南通市中级人民法院") and t == "located_in" for h, t, _ in rels)


def test_a_team_named_after_a_programme_runs_it(nlp):
    _, rels = run(nlp, "“小橘灯”志愿服务队每周为独居老人送餐。谈到“小橘灯”志愿服务，老人们赞不绝口。")
    assert ("小橘灯志愿服务队", "runs", "小橘灯") in rels


def test_implemented_in_from_a_region_qualified_list_a_visit_and_a_pilot_list(nlp):
    # 浙江湖州、福建莆田等地: the provinces only qualify the cities
    _, rels = run(nlp, "浙江湖州、福建莆田等地相继推行“共享菜园”模式。")
    assert ("共享菜园模式", "implemented_in", "湖州市") in rels and ("共享菜园模式", "implemented_in", "莆田市") in rels
    assert not any(t == "implemented_in" and p in ("浙江省", "福建省") for _, t, p in rels)
    # 到X开展P: X is where it runs; the inviting procuratorate runs it
    _, rels = run(nlp, "受溧阳市人民检察院之邀，十余名市人大代表到天目湖镇开展“公益诉讼回头看”专题调研活动。")
    assert ("公益诉讼回头看", "implemented_in", "天目湖镇") in rels
    # 公布了…P名单，A顺利入选
    _, rels = run(nlp, "工业和信息化部日前公布了“数字乡村”试点名单，浙江省嘉兴市顺利入选。")
    assert ("数字乡村试点", "implemented_in", "嘉兴市") in rels
    assert not any(t == "implemented_in" and p == "浙江省" for _, t, p in rels)


def test_a_programme_named_for_its_place(nlp):
    _, rels = run(nlp, "全力推进浙江海岛共富三年行动。严格执行《嘉兴市“10分钟文体服务圈”建设实施方案》。嘉兴市召开会议。")
    assert ("浙江海岛共富三年行动", "implemented_in", "浙江省") in rels
    # in a title: the place written before the quoted programme
    assert ("10分钟文体服务圈", "implemented_in", "嘉兴市") in rels


def test_partners_closed_by_a_count_led_by_one_or_as_a_pair(nlp):
    # A、B、C等5家单位共同: every pair acts jointly
    _, rels = run(nlp, "扬州市教育局、扬州市卫生健康委员会、扬州市体育局等5家单位共同发起“阳光少年”健康行动。")
    assert ("扬州市教育局", "partners_with", "扬州市体育局") in rels
    assert ("扬州市卫生健康委员会", "partners_with", "扬州市体育局") in rels
    # A牵头，会同B、C: A with each, and A is among those who set the programme up
    _, rels = run(nlp, "镇江市科技局牵头，会同镇江市财政局、镇江市商务局组建“智造通”服务专班。")
    assert ("镇江市科技局", "partners_with", "镇江市财政局") in rels
    assert ("镇江市科技局", "partners_with", "镇江市商务局") in rels
    assert ("镇江市科技局", "runs", "智造通") in rels
    # A牵头，联合an unnamed party和B: B is still A's partner, and both set the programme up
    _, rels = run(nlp, "由柳湾社区党委牵头，联合小区业主委员会和溧阳安居物业服务有限公司，建立“三方议事”制度。")
    assert ("柳湾社区党委", "partners_with", "溧阳安居物业服务有限公司") in rels
    assert ("柳湾社区党委", "runs", "三方议事制度") in rels or ("柳湾社区党委", "runs", "三方议事") in rels
    # A、B日前联合: a time word before the joint word; two ministries glued in a headline are two
    _, rels = run(nlp, "扬州市农业农村局、扬州市茶叶协会日前联合发布《扬州市茶园管理技术规程》。")
    assert ("扬州市农业农村局", "partners_with", "扬州市茶叶协会") in rels
    assert ("扬州市农业农村局", "issues", "扬州市茶园管理技术规程") in rels
    _, rels = run(nlp, "民政部财政部部署春节送温暖活动\n民政部、财政部近日联合印发通知。")
    assert ("民政部", "partners_with", "财政部") in rels
    assert not any("民政部财政部" in (h, t) for h, _, t in rels)
    # A联合B、C等部门共同…: B and C are A's partners, not said to partner each other
    _, rels = run(nlp, "泰州市司法局联合泰州市总工会、泰州市妇联等部门共同开展“法润家庭”宣传月活动。")
    assert ("泰州市司法局", "partners_with", "泰州市总工会") in rels
    assert ("泰州市总工会", "partners_with", "泰州市妇女联合会") not in rels
    # A还与B签订: the same pair, an adverb before 与
    _, rels = run(nlp, "溧阳市人民检察院今年办案36件。该院还与常州大学签订《检校合作框架协议》。")
    assert ("溧阳市人民检察院", "partners_with", "常州大学") in rels
    # A与B签订: a pair signing together; A与B的专家: no joint act
    _, rels = run(nlp, "南通市人民政府与江苏银行签订战略合作协议。盐城市水利局与盐城市气象局的专家到场。")
    assert ("南通市人民政府", "partners_with", "江苏银行") in rels
    assert not any(t == "partners_with" and h == "盐城市水利局" for h, t, _ in rels)


def test_a_document_adopted_or_approved_by_a_body_in_the_passive(nlp):
    _, rels = run(nlp, "两位退休教师撰写的《关于改善乡村校车接送的几点建议》获得好评，后被宿迁市教育局采纳。")
    assert ("宿迁市教育局", "issues", "关于改善乡村校车接送的几点建议") in rels
    # 被A通报表扬: a body praised, no document adopted
    _, rels = run(nlp, "《宿迁市河道保洁管理办法》出台后，宿迁市人民政府被国务院通报表扬。")
    assert not any(t == "issues" for _, t, _ in rels)


def test_places_a_region_qualifies_in_a_list_and_parts_named_by_their_place(nlp):
    # 江西赣州市、吉安市和福建龙岩市: the region holds the items up to the next region
    _, rels = run(nlp, "江西赣州市、吉安市和福建龙岩市的专家参加研讨。")
    assert ("吉安市", "located_in", "江西省") in rels
    assert ("龙岩市", "located_in", "福建省") in rels and ("龙岩市", "located_in", "江西省") not in rels
    # a division named after its ancestor, with more than a level word
    _, rels = run(nlp, "苏州市人民政府发文，苏州工业园区推进改革。")
    assert ("苏州工业园区", "located_in", "苏州市") in rels
    # a villagers' group, a road segment
    _, rels = run(nlp, "红星村的村民介绍，红星村五组新修了水渠，长江路东段完成了改造，长江路沿线绿化提升。")
    assert ("红星村五组", "located_in", "红星村") in rels
    # a group named, not numbered, is one too; the village named inside it is the village
    _, group = run(nlp, "笔者走进溧阳市天目湖镇柳湾村胜利组的农田，村民组织了劳动。")
    assert ("柳湾村胜利组", "located_in", "天目湖镇柳湾村") in group, group
    assert ("长江路东段", "located_in", "长江路") in rels
    # a company named after a region and a new area of the text: in the new area
    _, rels = run(nlp, "四川天府新区华阳街道的居民说，四川天府新区青禾农业发展有限公司开业了。")
    assert ("四川天府新区青禾农业发展有限公司", "located_in", "天府新区") in rels


def test_a_department_of_a_party_committee_is_in_its_place(nlp):
    _, rels = run(nlp, "贵港市委宣传部组织开展活动。")
    assert ("贵港市委宣传部", "part_of", "中共贵港市委员会") in rels
    assert ("贵港市委宣传部", "located_in", "贵港市") in rels


def test_a_place_opening_its_sentence_or_using_a_programme(nlp):
    # after a closing quote the place opens the sentence: still the subject
    _, rels = run(nlp, "“让办事更省心。”嘉兴在全省率先上线“浙里办证”小程序。")
    assert ("浙里办证", "implemented_in", "嘉兴市") in rels
    # 以P为抓手: the place carries the programme out
    _, rels = run(nlp, "衢州市以“县乡一体”改革为抓手，推动治理提质。")
    assert ("县乡一体改革", "implemented_in", "衢州市") in rels


def test_the_head_of_an_office_holds_a_post_of_its_body(nlp):
    r, rels = run(nlp, "台州市财政局办公室主任王丽华出席。台州市委组织部部长李强出席。")
    assert ("王丽华", "holds_position", "台州市财政局") in rels
    assert any(x["role"] == "办公室主任" for x in r["relations"] if x["type"] == "holds_position")
    # a department of a party committee is a body of its own, not an office
    assert ("李强", "holds_position", "中共台州市委员会") not in rels


def test_a_site_or_a_head_does_not_take_the_programme_from_its_body(nlp):
    # 在我县 is where, not a clause of its own; 局长带队 is the body acting through its head
    _, rels = run(nlp, "县民政局在我县开展“暖心帮扶”行动。")
    assert ("县民政局", "runs", "暖心帮扶行动") in rels
    _, rels = run(nlp, "县民政局局长带队开展“暖心帮扶”行动。")
    assert ("县民政局", "runs", "暖心帮扶行动") in rels


def test_a_city_short_form_names_its_own_local_bodies_only(nlp):
    # 中山大学 is named after a person, not after 中山市; 常州日报 is the city's paper
    _, rels = run(nlp, "中山市代表团参观了中山大学。")
    assert not any(h == "中山大学" and t == "located_in" for h, t, _ in rels)
    _, rels = run(nlp, "常州日报记者报道，常州市推进社区治理。")
    assert ("常州日报", "located_in", "常州市") in rels


def test_a_reference_to_a_place_is_where_a_programme_runs(nlp):
    # 该村: the village named last before it
    _, rels = run(nlp, "嘉兴市南湖区七星街道新丰村是一个老村。该村探索形成了“五户联防”治理模式。")
    assert ("五户联防治理模式", "implemented_in", "七星街道新丰村") in rels
    # 我省 before the paper names its province: the one province the document names
    _, rels = run(nlp, "我省以“银发先锋”为总载体，推动志愿服务。浙江省民政厅召开会议。")
    assert ("银发先锋", "implemented_in", "浙江省") in rels
    # 全市 + its units + a verb of use
    _, rels = run(nlp, "常州市民政局召开会议。全市236个社区议事室采用“微协商”议事模式。")
    assert ("微协商议事模式", "implemented_in", "常州市") in rels


def test_a_reference_in_a_round_up_takes_its_own_sentence_or_nothing(nlp):
    _, rels = run(nlp, "江苏南通、浙江湖州等地开展了试点。吉林长春开通专线。山东人社部门在全省开展了“春风”行动。")
    assert ("春风行动", "implemented_in", "山东省") in rels
    assert not any(h == "春风行动" and p in ("吉林省", "江苏省", "浙江省") for h, _, p in rels)
    # no province in its sentence and several in the document: 全省 stands for none of them
    _, rels = run(nlp, "江苏南通开展了试点。吉林长春开通专线。人社部门在全省开展了“春风”行动。")
    assert not any(h == "春风行动" and t == "implemented_in" for h, t, _ in rels)


def test_a_pilot_list_names_the_pilot_its_announcer_runs(nlp):
    _, rels = run(nlp, "民政部等8部门公布了全国第二批社区嵌入式养老服务试点名单，浙江省嘉兴市成功入选。")
    assert ("民政部", "runs", "社区嵌入式养老服务试点") in rels
    assert ("社区嵌入式养老服务试点", "implemented_in", "嘉兴市") in rels


def test_a_quoted_title_between_a_post_and_its_holder(nlp):
    # the title reads as a programme's name; the post is still the person's
    r, rels = run(nlp, "五松镇新丰社区党委书记、“暖心驿站”王明入户看望老人。")
    assert any(m["label"] == "Program" for m in r["mentions"])
    assert ("王明", "holds_position", "新丰社区党委") in rels


def test_a_papers_news_app_is_an_outlet_and_its_reporters_are_the_papers(nlp):
    r, rels = run(nlp, "本报讯 近日，嘉兴开展活动。\n嘉兴日报禾点新闻记者 王明\n会上，李华表示支持。")
    assert any(m["name"] == "禾点新闻" and m["label"] == "Organization" for m in r["mentions"])
    assert ("王明", "holds_position", "嘉兴日报") in rels
    assert ("王明", "holds_position", "禾点新闻") not in rels


def test_references_to_places_read_as_a_reader_would(nlp):
    # 在全省率先, 在全市首批: a rank in the division, not the division at work
    _, rels = run(nlp, "嘉兴市在全省率先推行“红枫驿站”服务模式。浙江省召开会议。")
    assert not any(t == "implemented_in" and p == "浙江省" for _, t, p in rels)
    _, rels = run(nlp, "嘉兴市南湖区在全市首批推行“未来社区”建设。")
    assert not any(t == "implemented_in" and p == "嘉兴市" for _, t, p in rels)
    # 全市 in a sentence naming two cities: the subject's
    _, rels = run(nlp, "嘉兴市学习借鉴湖州市经验，在全市推广“红枫驿站”模式。")
    assert ("红枫驿站模式", "implemented_in", "嘉兴市") in rels and not any(p == "湖州市" for *_, p in rels)
    # 全区 of an autonomous region; a place inside the programme's name is no candidate
    _, rels = run(nlp, "新疆在全区推广“天山暖心”工程。")
    assert ("天山暖心工程", "implemented_in", "新疆维吾尔自治区") in rels
    # 全市 in an article naming a prefecture and a city of county level apart: cannot tell which
    _, rels = run(nlp, "嘉兴市召开推进会，海宁市介绍了经验。会议要求在全市推广“红枫驿站”模式。")
    assert not any(t == "implemented_in" for _, t, _ in rels)
    # of a chain, the lowest of that level; a venue is no subject; 全市首次 is the city at work
    for text, place in (("江苏省常州市溧阳市召开推进会议。会议要求，全市开展“青禾助农”行动。", "溧阳市"),
                        ("广西南宁市青秀区召开动员会，全区启动“邕邻帮”服务行动。", "南宁市青秀区"),
                        ("在北京召开的全国会议上，嘉兴市作典型发言，全市启动“禾城先锋”工程。", "嘉兴市"),
                        ("常州市召开会议。全市首次开展“青禾助农”行动。", "常州市"),
                        # a region before a list of its places is the one meant
                        ("苏州市昆山市、太仓市入选试点，全市扎实推进“智改数转”行动。", "苏州市"),
                        # a venue is the subject where the sentence names no other
                        ("杭州市代表团赴湖州市考察。市委书记在湖州市调研时指出，全市推行“河长制”。", "湖州市")):
        _, rels = run(nlp, text)
        assert [p for _, t, p in rels if t == "implemented_in"] == [place], text


def test_the_bodies_of_a_sector_in_a_whole_division_carry_out_its_programme(nlp):
    _, rels = run(nlp, "恩施州中院召开会议。全州法院“快执行·暖民心”专项执行行动取得实效。")
    assert ("快执行·暖民心专项执行行动", "implemented_in", "恩施土家族苗族自治州") in rels
    _, rels = run(nlp, "恩施州中院召开会议。全州农户“快执行·暖民心”专项执行行动取得实效。")
    assert not any(r[1] == "implemented_in" for r in rels)  # not any word between


def test_a_team_in_a_sentence_opening_place_is_based_there_with_its_programme(nlp):
    _, rels = run(nlp, "社区开展“暖邻帮”志愿服务。”在东湖社区，“暖邻帮”志愿服务队每天上门服务。")
    assert ("暖邻帮志愿服务队", "located_in", "东湖社区") in rels
    assert ("暖邻帮", "implemented_in", "东湖社区") in rels
    _, rels = run(nlp, "在东湖社区，市医保局和“暖邻帮”志愿服务队开展宣传。")
    assert not any(r[1] == "located_in" and r[2] == "东湖社区" for r in rels)  # only the sentence's first actor
    _, rels = run(nlp, "在东湖社区，来自外地的“暖邻帮”志愿服务队开展义诊。")
    assert not any(r[1] == "located_in" and r[2] == "东湖社区" for r in rels)  # the team comes from elsewhere


def test_a_village_of_a_county_written_with_de(nlp):
    _, rels = run(nlp, "在常州市溧阳市的传统村落南山村，村民正在晾晒稻谷。北京的天安门广场人流如织。")
    assert ("南山村", "located_in", "溧阳市") in rels
    assert not any(r[0] == "天安门广场" for r in rels)  # a municipality names no container with 的 alone


def test_a_visiting_team_is_not_based_at_the_scene_and_whole_sector_bodies(nlp):
    _, rels = run(nlp, "在东湖社区，溧阳市第二医疗队开展义诊。")
    assert not any(r[1] == "located_in" and r[2] == "东湖社区" for r in rels)
    _, rels = run(nlp, "嘉兴市召开会议。全市纪检监察机关“清风”行动扎实推进。")
    assert ("清风行动", "implemented_in", "嘉兴市") in rels


def test_a_bodys_charter_is_its_own(nlp):
    _, rels = run(nlp, "会上，《恩施州科学技术协会章程》修正案获得通过。会议学习了《恩施州科学技术协会发展规划》。")
    assert ("恩施州科学技术协会", "issues", "恩施州科学技术协会章程") in rels
    assert ("恩施州科学技术协会", "issues", "恩施州科学技术协会发展规划") not in rels  # only a charter


def test_a_post_of_a_body_named_by_reference(nlp):
    _, rels = run(nlp, "恩施州中级人民法院召开会议。该院执行局局长李明出席。该院副院长王强主持。")
    assert ("李明", "holds_position", "恩施州中级人民法院") in rels
    assert ("王强", "holds_position", "恩施州中级人民法院") in rels
    _, rels = run(nlp, "恩施州民政局召开会议。该院副院长王强主持。")
    assert not any(r[1] == "holds_position" for r in rels)  # 该院 names no 局


def test_a_place_opening_a_line_after_a_subheading_carries_out_its_programme(nlp):
    _, rels = run(nlp, "夯实服务基础 激发发展活力\n溧阳市依托闲置厂房，推行“共享车间+技能培训”模式。")
    assert ("共享车间+技能培训模式", "implemented_in", "溧阳市") in rels
    _, rels = run(nlp, "溧阳市持续优化审批流程，明确部门分工，实行“帮办代办”改革。")
    assert ("帮办代办改革", "implemented_in", "溧阳市") in rels


def test_body_references_need_a_whole_word_the_nearest_body_and_their_article(nlp):
    _, rels = run(nlp, "天宁区人民法院召开会议。该院士工作站负责人张明介绍情况。")
    assert not any(r[1] == "holds_position" for r in rels)  # 该|院士, not 该院
    _, rels = run(nlp, "县人民医院专家团队来到城关镇卫生院义诊。该院院长王强介绍情况。")
    assert ("王强", "holds_position", "城关镇卫生院") in rels
    # not a partner the actor was joined with
    _, rels = run(nlp, "溧阳市公安局开展夏季行动。交警大队联合市交通运输局开展整治。该局副局长刘强表示，将持续推进。")
    assert ("刘强", "holds_position", "溧阳市公安局") in rels
    # only the bodies of the reference's own article: here the partner is the one 局 there
    _, rels = run(nlp, "本报讯 溧阳市民政局召开会议。\n本报讯（记者 王五） 金坛区政府联合区卫健局开展义诊。"
                       "该局还推出了“暖心驿站”服务品牌。")
    assert any(t == "runs" and p == "暖心驿站" and "卫生健康局" in h for h, t, p in rels), rels


def test_shixing_inside_another_word_launches_nothing_and_a_chain_opening_a_line(nlp):
    _, rels = run(nlp, "金坛区人民检察院切实行使法律监督职能，督促“城乡供水一体化”工程施工方整改。")
    assert not any(r[1] == "runs" for r in rels)
    _, rels = run(nlp, "强化兜底保障\n常州市金坛区依托网格员队伍，推行“一户一档”工作法。")
    assert ("一户一档工作法", "implemented_in", "常州市金坛区") in rels
    assert ("一户一档工作法", "implemented_in", "常州市") not in rels


def test_a_village_party_secretary_by_the_short_title(nlp):
    _, rels = run(nlp, "南山村党支部组织党员开展活动。老支书王大明带头参加。村支书李强介绍情况。北岭村支书赵刚也来了。")
    assert ("王大明", "holds_position", "南山村党支部") in rels
    assert ("李强", "holds_position", "南山村党支部") in rels
    assert ("赵刚", "holds_position", "南山村党支部") not in rels  # another village's secretary
    _, rels = run(nlp, "镇里召开会议，村支书李强介绍情况。")
    assert not any(r[1] == "holds_position" for r in rels)  # no branch named


def test_companies_a_body_visits_do_not_run_what_it_launches_after(nlp):
    _, rels = run(nlp, "县工信局走访溧阳天成机械有限公司和溧阳明达纺织有限公司，开展“企业服务日”活动。")
    assert ("县工业和信息化局", "runs", "企业服务日活动") in rels
    assert not any(h.startswith("溧阳") and t == "runs" for h, t, _ in rels)


def test_a_team_set_up_for_a_community_does_not_run_what_follows_its_founding(nlp):
    _, rels = run(nlp, "溧阳市组建社区“银龄巡逻队”，积极参与治安巡逻，全面推行“平安楼栋”机制。")
    assert not any(h == "银龄巡逻队" and t == "runs" for h, t, _ in rels)


def test_quoted_items_side_by_side_are_a_list_not_an_owner_and_its_programme(nlp):
    _, rels = run(nlp, "完善“邻里书屋”、“社区老年学校”“妇女议事厅”等阵地建设。")
    assert not any(t == "runs" for _, t, _ in rels)
    _, rels = run(nlp, "县融媒体中心《问政溧阳》栏目开播。")
    assert ("县融媒体中心", "runs", "问政溧阳") in rels


def test_the_last_place_of_a_chain_opening_the_clause_is_its_subject(nlp):
    _, rels = run(nlp, "今年以来，溧阳市天目湖镇桂林村采取“支部+合作社+农户”模式，发展茶产业。")
    assert ("支部+合作社+农户模式", "implemented_in", "天目湖镇桂林村") in rels
    # a place inside a longer name is no subject
    _, rels = run(nlp, "溧阳市天目湖镇政府采取“支部+农户”模式。")
    assert not any(t == "implemented_in" for _, t, _ in rels)


def test_a_body_that_adopts_a_model_runs_it(nlp):
    _, rels = run(nlp, "溧阳市天目湖镇政府采取“支部+农户”模式，带动村民增收。")
    assert ("溧阳市天目湖镇人民政府", "runs", "支部+农户模式") in rels
    _, rels = run(nlp, "天目湖镇党委坚持“党建+产业”模式，带动村民增收。")
    assert ("天目湖镇党委", "runs", "党建+产业模式") in rels


def test_a_place_that_launched_what_follows_in_a_relative_clause(nlp):
    _, rels = run(nlp, "走进溧阳市天目湖镇桂林村，村道干净整洁。这一变化得益于该村推行的“积分兑换”制度。")
    assert ("积分兑换", "implemented_in", "天目湖镇桂林村") in rels


def test_a_papers_reporter_in_its_dateline_and_academic_posts(nlp):
    r, rels = run(nlp, "溧阳日报讯（记者 周小明）3月5日，溧阳市召开全市乡村振兴工作推进会议，部署今年重点工作任务和各项措施。对外经济贸易大学教授孙小红、江苏省农业科学院研究员吴大伟出席。")
    roles = {(x["source"], x["target"]): x.get("role") for x in r["relations"] if x["type"] == "holds_position"}
    assert roles[("person/周小明", "organization/溧阳日报")] == "记者"
    assert ("孙小红", "holds_position", "对外经济贸易大学") in rels
    assert ("吴大伟", "holds_position", "江苏省农业科学院") in rels


def test_a_pilot_units_list_and_the_counted_places_selected_for_it(nlp):
    _, rels = run(nlp, "近日，省民政厅公布第二批全省养老服务创新试点单位名单，溧阳市昆仑街道、金坛区东城街道等12个街道入选。")
    assert any(h.endswith("民政厅") and t == "runs" and x == "养老服务创新试点" for h, t, x in rels)
    assert ("养老服务创新试点", "implemented_in", "溧阳市昆仑街道") in rels
    assert ("养老服务创新试点", "implemented_in", "金坛区东城街道") in rels


def test_a_bodys_cadre_and_the_villages_supervisory_committee(nlp):
    _, rels = run(nlp, "驻村第一书记、溧阳市财政局干部李小强带领村民修路。")
    assert ("李小强", "holds_position", "溧阳市财政局") in rels
    _, rels = run(nlp, "桂林村党支部书记王建军，村监委会主任赵小丽参加会议。")
    assert ("赵小丽", "holds_position", "桂林村村务监督委员会") in rels
    # the body's cadres act for it: the body still runs what they launch
    _, rels = run(nlp, "溧阳市财政局干部带队开展“财政惠农”宣传活动。")
    assert ("溧阳市财政局", "runs", "财政惠农宣传活动") in rels


def test_a_body_referred_to_as_gaiyuan_acts_with_the_bodies_it_joins(nlp):
    _, rels = run(nlp, "近日，溧阳市人民法院在天目湖镇设立“法官驿站”。该院还与溧阳市司法局、溧阳市妇联联合出台《溧阳市家事纠纷化解办法》。")
    for other in ("溧阳市司法局", "溧阳市妇女联合会"):
        assert ("溧阳市人民法院", "partners_with", other) in rels
    assert ("溧阳市人民法院", "issues", "溧阳市家事纠纷化解办法") in rels


def test_elected_or_appointed_as_a_post_of_a_body(nlp):
    r, rels = run(nlp, "大会选举王小海为溧阳市人民代表大会常务委员会副主任。会议决定任命李小强为溧阳市民政局局长。")
    roles = {(x["source"], x["target"]): x.get("role") for x in r["relations"] if x["type"] == "holds_position"}
    assert roles[("person/王小海", "agency/溧阳市人民代表大会常务委员会")] == "副主任"
    assert roles[("person/李小强", "agency/溧阳市民政局")] == "局长"


def test_a_post_said_alone_is_a_post_of_the_one_body_of_its_kind_named_before(nlp):
    r, rels = run(nlp, "11月5日，溧阳市民政局召开全市养老服务推进会，副局长王建华出席会议并讲话。"
                       "溧阳市交通运输局召开会议，副市长李明出席。"
                       "溧阳市民政局联合市财政局召开会议，局长赵刚讲话。")
    assert ("王建华", "holds_position", "溧阳市民政局") in rels
    roles = {x["role"] for x in r["relations"] if x["type"] == "holds_position"}
    assert "副局长" in roles
    # 副市长 is no post of a 局; with two 局 named, which one 赵刚 heads is not said
    assert not any(h in ("李明", "赵刚") for h, t, _ in rels if t == "holds_position")


def test_a_place_that_joins_a_partner_to_carry_out_a_programme(nlp):
    _, rels = run(nlp, "此外，溧阳市还联合江南理工学院开展“文明城市共建共享”活动，组织志愿者参与。")
    assert ("文明城市共建共享活动", "implemented_in", "溧阳市") in rels
    _, rels = run(nlp, "溧阳市民政局邀请江南理工学院开展“邻里守望”活动。")
    assert not any(t == "implemented_in" for _, t, _ in rels)  # not a place's


def test_section_chiefs_and_standard_abbreviations_of_bodies(nlp):
    _, rels = run(nlp, "江苏省医保局联合省卫生健康委、省发展改革委开展检查。省医保局基金监管处处长王建华表示，将严查骗保。")
    assert ("王建华", "holds_position", "江苏省医疗保障局") in rels
    assert ("江苏省医疗保障局", "partners_with", "江苏省卫生健康委员会") in rels
    assert ("江苏省医疗保障局", "partners_with", "江苏省发展和改革委员会") in rels


def test_a_body_written_right_before_a_document_title_issues_it(nlp):
    _, rels = run(nlp, "根据国家医保局《关于开展医疗保障基金检查工作的通知》要求，溧阳市医保局决定开展检查。")
    assert ("国家医疗保障局", "issues", "关于开展医疗保障基金检查工作的通知") in rels
    assert not any(h == "溧阳市医疗保障局" and t == "issues" for h, t, _ in rels)


def test_the_hosts_of_an_event_named_in_the_sentence_before(nlp):
    _, rels = run(nlp, "3月12日，天目湖镇第三届“村篮”篮球赛在柳湾村开幕。赛事由天目湖镇人民政府主办，天目湖镇团委、"
                       "天目湖镇妇联承办，县体育局给予指导。")
    hosts = {h for h, t, p in rels if t == "runs" and p == "村篮篮球赛"}
    assert hosts == {"天目湖镇人民政府", "共青团天目湖镇委员会", "天目湖镇妇女联合会"}, rels
    # two programmes before: which one is not said
    _, rels = run(nlp, "全镇开展“春风”行动和“暖冬”活动。活动由天目湖镇人民政府主办。")
    assert not any(t == "runs" for _, t, _ in rels)


def test_the_agent_of_you_acts_in_its_own_clause_only(nlp):
    _, rels = run(nlp, "平台由溧阳电信分公司提供技术支持，下一步将在天目湖镇开展“一村一码”试点。")
    assert not any(t == "runs" for _, t, _ in rels), rels
    _, rels = run(nlp, "“智慧停车”工程由溧阳市城投公司负责建设。")
    assert ("溧阳市城投公司", "runs", "智慧停车工程") in rels, rels


def test_where_the_one_programme_of_the_sentence_is_piloted(nlp):
    _, rels = run(nlp, "市卫健委将联合市医保局推进“医养结合”服务，并在溧阳市、金坛区开展试点。")
    assert {("医养结合", "implemented_in", "溧阳市"), ("医养结合", "implemented_in", "金坛区")} <= rels, rels
    _, rels = run(nlp, "市卫健委推进“医养结合”服务和“长护险”制度，并在溧阳市开展试点。")
    assert not any(t == "implemented_in" for _, t, _ in rels)  # which programme is not said
    # rolled out: 已在A、B等地推广
    _, rels = run(nlp, "溧阳市妇联推出“巧手家政”项目，目前已在溧阳、金坛等地全面推广。")
    assert {("巧手家政项目", "implemented_in", "溧阳市"), ("巧手家政项目", "implemented_in", "金坛区")} <= rels, rels
    # another activity there after 开展/实施 is no rollout
    _, rels = run(nlp, "“护苗”专项行动结束后，民警又在天目湖镇开展入户走访。")
    assert not any(t == "implemented_in" for _, t, _ in rels), rels
    # where its launch is held is no place it runs in
    _, rels = run(nlp, "“巧手家政”项目启动仪式在溧阳市举行。")
    assert not any(t == "implemented_in" for _, t, _ in rels)


def test_the_agency_of_a_government_and_a_company_signing_issues_the_agreement(nlp):
    _, rels = run(nlp, "1月8日，溧阳市人民政府与江南茶业集团有限公司签订《茶产业发展战略合作协议》。")
    assert ("溧阳市人民政府", "issues", "茶产业发展战略合作协议") in rels
    assert not any(h == "江南茶业集团有限公司" and t == "issues" for h, t, _ in rels)


def test_no_relation_from_rules_that_fire_too_widely(nlp):
    # a document cited with 根据 is not what the body after 经 approves
    _, rels = run(nlp, "根据《中华人民共和国行政许可法》有关规定，经溧阳市人民政府批准，同意设立。")
    assert not any(t == "issues" for _, t, _ in rels), rels
    # 此前 is no reference to a project; 环节 is no festival; 组织考核 evaluates, it does not run
    for text in ("溧阳市推出“夜游古镇”项目。此前县城的老项目由溧阳市城投公司负责建设。",
                 "溧阳市举办“桃花节”。非遗展演这一环节由溧阳市文化馆组织实施。",
                 "“幸福食堂”项目由溧阳市民政局组织考核评估。"):
        _, rels = run(nlp, text)
        assert not any(t == "runs" for _, t, _ in rels), (text, rels)
    # 共为…减免: a total, not a joint act; 片区长: no government's post; 地处A与B交界处: between them
    _, rels = run(nlp, "溧阳市财政局、溧阳市税务局今年共为企业减免税费2亿元。")
    assert not any(t == "partners_with" for _, t, _ in rels), rels
    _, rels = run(nlp, "东城区人民政府召开会议，网格片区长李明华汇报了工作。")
    assert not any(t == "holds_position" for _, t, _ in rels), rels
    _, rels = run(nlp, "柳湾村地处天目湖镇与戴埠镇交界处。")
    assert not any(t == "located_in" and h == "柳湾村" for h, t, _ in rels), rels


def test_a_body_heard_by_a_meeting_does_not_adopt_what_the_meeting_adopts(nlp):
    _, rels = run(nlp, "会议听取了溧阳市人民政府关于农村人居环境整治工作的通报，审议通过了《溧阳市政协关于人居环境整治的调研报告》。")
    assert not any(t == "issues" for _, t, _ in rels), rels
