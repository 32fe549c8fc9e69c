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


def test_issues_and_partners_over_an_enumeration(nlp):
    _, rels = run(nlp, "常州市民政局、常州市财政局联合印发《常州市社区养老服务管理办法》。")
    assert ("常州市民政局", "issues", "常州市社区养老服务管理办法") in rels
    assert ("常州市财政局", "issues", "常州市社区养老服务管理办法") in rels
    assert ("常州市民政局", "partners_with", "常州市财政局") in rels


def test_a_joins_b_and_c(nlp):
    _, rels = run(nlp, "金坛区法院联合金坛区公安、检察、林业等五部门共同签署《古城保护协作协议》。")
    for other in ("常州市金坛区公安局", "常州市金坛区人民检察院", "常州市金坛区林业局"):
        assert ("常州市金坛区人民法院", "partners_with", other) in rels
        assert (other, "issues", "古城保护协作协议") in rels
    # A 联合 B、C: B and C are not said to partner each other
    assert ("常州市金坛区公安局", "partners_with", "常州市金坛区林业局") not in rels


def test_shared_head_enumeration_names_one_court_per_place(nlp):
    r, rels = run(nlp, "常州市、江西九江市及宜春市中院共同签署《长江流域司法协作框架协议》。")
    names = {m["name"] for m in r["mentions"] if m["label"] == "Agency"}
    assert {"常州市中级人民法院", "九江市中级人民法院", "宜春市中级人民法院"} <= names
    assert ("常州市中级人民法院", "partners_with", "九江市中级人民法院") in rels
    assert ("九江市中级人民法院", "issues", "长江流域司法协作框架协议") in rels
    places = {m["name"] for m in r["mentions"] if m["label"] == "Place"}
    assert {"常州市", "九江市", "宜春市"} <= places  # the places stay places too


def test_runs_by_verb_and_by_possession(nlp):
    _, rels = run(nlp, "常州市民政局推出“幸福里”工程。常州市融媒体中心《问政常州》栏目持续播出。")
    assert ("常州市民政局", "runs", "幸福里工程") in rels
    assert ("常州市融媒体中心", "runs", "问政常州") in rels


def test_implemented_in_place_actor_and_where(nlp):
    _, rels = run(nlp, "金坛区积极推行“邻里帮”模式。常州市民政厅在溧阳、武进等地深入开展“安居乐”试点。")
    assert ("邻里帮模式", "implemented_in", "金坛区") in rels
    assert ("安居乐试点", "implemented_in", "溧阳市") in rels
    assert ("安居乐试点", "implemented_in", "武进区") in rels
    assert not any(h == "溧阳市" and t == "runs" for h, t, _ in rels)


def test_holds_position_chains_lists_and_elections(nlp):
    r, rels = run(nlp, "常州市民政局党组书记、局长王大海出席。韦小明当选为常州市文联第八届委员会主席，"
                       "张三丰、李四光当选为副主席。")
    assert ("王大海", "holds_position", "常州市民政局") in rels
    assert ("韦小明", "holds_position", "常州市文学艺术界联合会") in rels
    assert ("张三丰", "holds_position", "常州市文学艺术界联合会") in rels
    assert ("李四光", "holds_position", "常州市文学艺术界联合会") in rels
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
    _, rels = run(nlp, "江西九江、湖南岳阳等地积极开展“邻里议事厅”实践。在东湖社区，“银发帮”志愿服务队常年入户。")
    assert ("邻里议事厅", "implemented_in", "九江市") in rels
    assert ("邻里议事厅", "implemented_in", "岳阳市") in rels
    assert ("银发帮志愿服务队", "implemented_in", "东湖社区") not in rels  # a team is not a programme


def test_a_list_of_aims_is_not_a_list_of_programmes(nlp):
    r, _ = run(nlp, "探索构建“左岸协同、上下联动”的保护新格局。")
    assert not [m for m in r["mentions"] if m["label"] == "Program"]


def test_posts_chained_before_a_name_and_after_an_election(nlp):
    _, rels = run(nlp, "恩施州委常委、州委宣传部部长王大海出席会议。李小红当选为沙坝村党支部书记、村委会主任。")
    assert ("王大海", "holds_position", "中共恩施州委员会") in rels
    assert ("王大海", "holds_position", "恩施州委宣传部") in rels
    assert any(p == "李小红" and t == "holds_position" and "党支部" in b for p, t, b in rels)
    assert any(p == "李小红" and t == "holds_position" and "村民委员会" in b for p, t, b in rels)


def test_reporters_in_bylines_work_for_the_paper_of_the_masthead(nlp):
    text = "荆楚日报记者张明\n\n全市推进社区治理。\n\n本报讯（记者 王大海 李小红）近日，武汉市开展活动。"
    r, rels = run(nlp, text)
    assert ("王大海", "holds_position", "荆楚日报") in rels
    assert ("李小红", "holds_position", "荆楚日报") in rels
    # no masthead: a paper merely mentioned in the story is not the reporters' employer
    _, rels = run(nlp, "本报讯（记者 王大海）近日，《荆楚日报》报道了武汉市的活动。")
    assert not any(t == "holds_position" for _, t, _ in rels)


def test_election_of_the_sentence_subject_and_titles_in_a_post_chain(nlp):
    _, rels = run(nlp, "张大山通过竞选进入村委会工作，在换届中，当选沙坝村党支部书记、村委会主任。"
                       "沙坝村党委书记、“社区管家”李小红入户走访。")
    assert ("张大山", "holds_position", "沙坝村党支部") in rels
    assert ("张大山", "holds_position", "沙坝村村民委员会") in rels
    assert ("李小红", "holds_position", "沙坝村党委") in rels


def test_runs_skips_bodies_that_are_means_objects_or_members(nlp):
    # A组建B，…，开展P: the body that set the team up runs the programme
    _, rels = run(nlp, "金坛区消防救援大队组建“守护者”志愿服务队，由消防员分组下乡，开展“平安灯”安全守护行动。")
    assert any(h == "常州市金坛区消防救援大队" and t == "runs" and p.startswith("平安灯") for h, t, p in rels)
    assert not any(h == "守护者志愿服务队" and t == "runs" for h, t, _ in rels)
    # 以B为载体: B is the means; the actor before 以 is not an entity here, so no one runs it
    _, rels = run(nlp, "目前，“守护者”志愿服务队已有30人，金坛消防以“守护者”志愿服务队为载体，持续深化“平安灯”志愿服务品牌。")
    assert not any(t == "runs" for _, t, _ in rels)
    # 省人大代表: deputies, not the congress; the inviting court is the actor
    _, rels = run(nlp, "应常州市中级人民法院邀请，部分省人大代表、政协委员赴溧阳市开展“司法护航营商环境”视察活动。")
    assert ("常州市中级人民法院", "runs", "司法护航营商环境") in rels
    assert [h for h, t, _ in rels if t == "runs"] == ["常州市中级人民法院"]


def test_runs_through_sites_listed_before_dengdi_and_by_the_owner_of_a_campaign(nlp):
    # 在<unrecognised site>和A、B等地: the places are sites, the agency still runs it
    _, rels = run(nlp, "常州市民政局在市康复中心和溧阳、金坛等地深入开展“助残租赁”试点工作。")
    assert ("常州市民政局", "runs", "助残租赁试点") in rels
    assert ("助残租赁试点", "implemented_in", "溧阳市") in rels
    # 落实 A“…”—P: A owns the campaign, the subject carries it out
    _, rels = run(nlp, "武进区人民法院严格落实常州市中级人民法院“执行为民”—“小案件·大民生”专项执行行动部署要求。")
    assert ("常州市中级人民法院", "runs", "小案件·大民生专项执行行动") in rels
    assert ("常州市武进区人民法院", "runs", "小案件·大民生专项执行行动") in rels


def test_a_deictic_subject_takes_the_clause_from_an_earlier_body(nlp):
    _, rels = run(nlp, "常州市民政局的干部指着宣传栏笑道，该村探索形成了“五户联防”机制。")
    assert not any(t == "runs" for _, t, _ in rels)


def test_compound_names_state_their_immediate_container(nlp):
    _, rels = run(nlp, "江苏省常州市金坛区民政局立足民生。金坛区公安局城东派出所民警帮助老人回家。")
    assert ("江苏省常州市金坛区民政局", "located_in", "常州市金坛区") in rels
    assert not any(h == "江苏省常州市金坛区民政局" and t == "located_in" and p in ("江苏省", "常州市") for h, t, p in rels)
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
    _, rels = run(nlp, "常州市、无锡市及镇江市中院共同签署《长江司法协作协议》。")
    # the courts of an enumeration are named through its items, which state no place
    assert not any(h in ("常州市中级人民法院", "无锡市中级人民法院") and t == "located_in" for h, t, _ in rels)


def test_a_team_named_after_a_programme_runs_it(nlp):
    _, rels = run(nlp, "在东湖社区，“银发帮”志愿服务队是居民眼中的贴心人。提起社区“银发帮”志愿服务，居民满是认可。")
    assert ("银发帮志愿服务队", "runs", "银发帮") in rels


def test_implemented_in_from_a_region_qualified_list_a_visit_and_a_pilot_list(nlp):
    # 江西九江、湖南岳阳等地: the provinces only qualify the cities
    _, rels = run(nlp, "江西九江、湖南岳阳等地积极开展“邻里议事厅”实践。")
    assert ("邻里议事厅", "implemented_in", "九江市") in rels and ("邻里议事厅", "implemented_in", "岳阳市") in rels
    assert not any(t == "implemented_in" and p in ("江西省", "湖南省") for _, t, p in rels)
    # 赴X开展P: X is where it runs; the inviting court runs it
    _, rels = run(nlp, "应常州市中级人民法院邀请，部分省人大代表赴溧阳市开展“司法护航营商环境”视察活动。")
    assert ("司法护航营商环境", "implemented_in", "溧阳市") in rels
    # 公布了…P名单，A成功入选
    _, rels = run(nlp, "商务部公布了第二批“智慧商圈”试点名单，江苏省常州市成功入选。")
    assert ("智慧商圈试点", "implemented_in", "常州市") in rels
    assert not any(t == "implemented_in" and p == "江苏省" for _, t, p in rels)


def test_a_programme_named_for_its_place(nlp):
    _, rels = run(nlp, "大力实施江苏乡村振兴三年行动。认真落实《常州市“15分钟养老服务圈”建设行动计划》。常州市开展活动。")
    assert ("江苏乡村振兴三年行动", "implemented_in", "江苏省") in rels
    # in a title: the place written before the quoted programme
    assert ("15分钟养老服务圈", "implemented_in", "常州市") in rels
