"""Resolution: context expansion, abbreviations, merging short forms, qualified place names."""

import pytest

from govgraph.ingest import make_document
from govgraph.nlp import load_pipeline, process
from govgraph.pipeline import extract_document


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def extract(nlp, text):
    ((dd, doc),) = process(nlp, [make_document("t.txt", text)])
    return extract_document(dd, doc)


def names(nlp, text, label=None):
    ((dd, doc),) = process(nlp, [make_document("t.txt", text)])
    r = extract_document(dd, doc)
    return {(m["surface"], m["name"]) for m in r["mentions"] if label is None or m["label"] == label}


def test_relative_names_expand_with_the_article_context(nlp):
    found = names(nlp, "恩施州来凤县开展义诊。州医保局、州委宣传部、县人社局参加。", "Agency")
    assert ("州医保局", "恩施州医疗保障局") in found
    assert ("州委宣传部", "恩施州委宣传部") in found  # a department keeps the short committee form
    assert ("县人社局", "来凤县人力资源和社会保障局") in found


def test_short_form_merges_into_the_one_full_name(nlp):
    found = names(nlp, "恩施州科学技术协会召开大会。会上，科协负责人作报告。", "Agency")
    assert {n for _, n in found} == {"恩施州科学技术协会"}


def test_ambiguous_bare_head_is_not_merged(nlp):
    found = names(nlp, "来凤县医保局与咸丰县医保局签约。医保局表示将继续合作。", "Agency")
    assert {n for _, n in found} == {"来凤县医疗保障局", "咸丰县医疗保障局"}


def test_central_bodies_are_kept_where_a_bare_head_is_dropped(nlp):
    # 最高人民法院, 党中央, 国务院 exist once: unlike 医保局 or 法院 alone, they name their body
    found = names(nlp, "武汉市中级人民法院一件案例被最高人民法院评为典型案例。国务院办公厅印发通知，"
                       "全省上下紧密团结在党中央周围。法院表示将继续努力。", "Agency")
    assert {"最高人民法院", "中国共产党中央委员会", "国务院办公厅", "武汉市中级人民法院"} <= {n for _, n in found}
    assert "法院" not in {n for _, n in found}


def test_places_qualified_by_their_parent_as_written(nlp):
    found = names(nlp, "武汉市洪山区珞南街道开展活动，珞南街道居民参加。", "Place")
    assert ("洪山区", "武汉市洪山区") in found  # a city district with its city
    assert {n for s, n in found if s == "珞南街道"} == {"洪山区珞南街道"}
    # a district under its city's short form is named with the city's full name; a zone
    # named with its city already is not named twice
    found = names(nlp, "常州金坛区推进改革。郑州航空港开展招商。", "Place")
    assert ("金坛区", "常州市金坛区") in found
    assert ("航空港", "郑州航空港经济综合实验区") in found
    # a kind of zone written alone is no place (some townships are named so)
    assert names(nlp, "示范区建设加快，工业园区和保税区企业增加。", "Place") == set()
    # a province written before a district is not its parent
    assert ("余杭区", "余杭区") in names(nlp, "浙江余杭区法院发布公告。", "Place")


def test_district_agencies_carry_their_city(nlp):
    found = names(nlp, "武汉市洪山区开展调研。区政协主席出席。", "Agency")
    assert ("区政协", "中国人民政治协商会议武汉市洪山区委员会") in found


def test_programme_named_as_the_text_mostly_writes_it(nlp):
    found = names(nlp, "各地开展“邻里厅”实践。“邻里厅”模式受到欢迎，“邻里厅”越办越好。推出“暖心帮”App。", "Program")
    assert {n for _, n in found} == {"邻里厅", "暖心帮"}


def test_city_means_the_county_level_city_of_the_article(nlp):
    found = names(nlp, "江苏镇江丹阳市推进养老改革。市民政局副局长介绍。", "Agency")
    assert ("市民政局", "丹阳市民政局") in found


def test_city_is_the_prefecture_when_a_county_level_city_is_only_listed(nlp):
    # a prefecture's bureau working in its counties, one of them a county-level city
    found = names(nlp, "镇江市民政局开展养老服务月活动。市民政局在京口区、句容市、扬中市设点。"
                       "镇江市养老机构达到百家。", "Agency")
    assert ("市民政局", "镇江市民政局") in found


def test_each_article_of_a_page_has_its_own_context():
    from govgraph.extract.articles import article_index
    sents = ["常州市推进社区治理。", "市民政局介绍经验。", "河南", "提升养老服务水平",
             "本报消息为进一步优化养老服务，河南省财政厅日前出台方案。", "省财政厅表示。"]
    assert article_index(sents) == [0, 0, 1, 1, 1, 1]


def test_a_county_named_only_in_a_title_is_the_context_of_relative_names(nlp):
    text = "县委常委会审议通过了《溧阳市秸秆综合利用实施方案》。会议要求县农业农村局、市水利局加强协作。"
    found = names(nlp, text, "Agency")
    assert ("市水利局", "溧阳市水利局") in found
    # the title's place is no mention of its own
    assert names(nlp, text, "Place") == set()
    # a place the text names itself comes first
    found = names(nlp, "宜兴市推进改革。会议通过《溧阳市实施方案》。市水利局参加。", "Agency")
    assert ("市水利局", "宜兴市水利局") in found


def test_relative_names_follow_their_article(nlp):
    text = ("常州市推进社区治理。市民政局介绍经验。\n\n河南\n\n提升养老服务水平\n\n"
            "本报消息为进一步优化养老服务，郑州市民政局日前出台方案。市民政局表示将推广。")
    found = names(nlp, text, "Agency")
    assert {n for s, n in found if s == "市民政局"} == {"常州市民政局", "郑州市民政局"}


def test_a_discipline_commission_and_supervisory_commission_are_one_body(nlp):
    found = names(nlp, "溧阳市纪委监委通报3起典型问题。市纪委监委有关负责人表示，将严肃查处。", "Agency")
    assert {n for _, n in found} == {"溧阳市纪委监委"}, found


def test_towns_many_counties_have_give_a_county_context_only_together(nlp):
    # 红岩镇 and 双江镇 are each the name of towns in several counties, none in the same one
    found = names(nlp, "县委召开推进会。红岩镇、双江镇作表态发言。县农业农村局参加。", "Agency")
    assert {n for _, n in found} == {"县委", "县农业农村局"}, found
    # 余坪镇 and 南江镇: both names repeat elsewhere, but only one county has both
    found = names(nlp, "县委召开推进会。余坪镇、南江镇作表态发言。", "Agency")
    assert ("县委", "中共平江县委员会") in found, found


def test_a_body_named_for_a_site_keeps_its_name(nlp):
    found = names(nlp, "溧阳市开展活动，溧阳古镇旅游景区管理委员会承办。", "Agency")
    assert ("溧阳古镇旅游景区管理委员会", "溧阳古镇旅游景区管理委员会") in found


def test_a_paper_and_its_publisher_are_one_node(nlp):
    found = names(nlp, "常州日报社组织采访。据常州日报报道，活动很成功。", "Organization")
    assert {n for _, n in found} == {"常州日报"}, found


def test_bare_bodies_listed_after_a_first_that_names_the_place(nlp):
    found = names(nlp, "溧阳市人民法院、检察院联合发布典型案例。", "Agency")
    assert ("检察院", "溧阳市人民检察院") in found, found
    found = names(nlp, "宜章县召开会议。县公安局、检察院、法院联合开展专项行动。", "Agency")
    assert {("检察院", "宜章县人民检察院"), ("法院", "宜章县人民法院")} <= found, found
    # a body of its own after 和 (检察院办公室) is no bare peer
    found = names(nlp, "溧阳市人民法院和检察院办公室参加。", "Agency")
    assert not any(n.endswith("人民检察院") for _, n in found), found


def test_standard_abbreviations_of_offices(nlp):
    found = names(nlp, "溧阳市人民检察院联合市河长办、市人防办开展检查。", "Agency")
    assert {("市河长办", "溧阳市河长制办公室"), ("市人防办", "溧阳市人民防空办公室")} <= found
    # an official name that writes a function short stays as written
    assert ("溧阳市教育和科技局", "溧阳市教育和科技局") in names(nlp, "溧阳市教育和科技局开展活动。", "Agency")


def test_short_form_with_its_level_character(nlp):
    found = names(nlp, "西洞庭区医疗保障局开展义诊。", "Agency")
    assert {n for _, n in found} == {"常德市西洞庭管理区医疗保障局"}


def test_a_province_or_prefecture_before_a_local_body_is_dropped(nlp):
    found = names(nlp, "河南省新乡市民政局发布通知。浙江萧山区法院审结一起案件。", "Agency")
    assert ("河南省新乡市民政局", "新乡市民政局") in found
    assert ("浙江萧山区法院", "杭州市萧山区人民法院") in found  # a district is named with its city


def test_a_municipality_keeps_its_districts(nlp):
    found = names(nlp, "北京市朝阳区法院审结一起案件。", "Agency")
    assert {n for _, n in found} == {"北京市朝阳区人民法院"}


def test_an_abbreviated_body_before_its_unit_is_expanded(nlp):
    found = names(nlp, "来凤县法院执行局召开推进会。来凤县政府办公室印发通知。", "Agency")
    assert ("来凤县法院执行局", "来凤县人民法院执行局") in found
    assert ("来凤县政府办公室", "来凤县人民政府办公室") in found


def test_words_holding_an_abbreviation_are_not_expanded():
    from govgraph.resolve.names import expand_body
    assert expand_body("农村委员会") == "农村委员会"  # 村委 inside a word
    assert expand_body("纪委监委") == "纪委监委"


def test_parts_of_regions_and_verbs_are_not_agencies(nlp):
    found = names(nlp, "吉林省东北部将有大雨。甘肃省签署合作协议。安徽省部分地区降温，宁夏举办展会。", "Agency")
    assert found == set()


def test_a_place_and_a_bare_head_is_no_body_but_a_committee_is(nlp):
    found = names(nlp, "宜宾市局介绍情况。宜宾市委召开会议。", "Agency")
    assert {n for _, n in found} == {"中共宜宾市委员会"}


def test_a_townships_committee_and_government_written_as_one(nlp):
    found = names(nlp, "来凤县百福司镇舍米湖村发展旅游。在镇党委政府的支持下，村民修通了公路。", "Agency")
    assert ("镇党委政府", "来凤县百福司镇人民政府") in found


def test_a_townships_function_office(nlp):
    assert ("百福司镇民政办", "百福司镇民政办公室") in names(nlp, "百福司镇民政办主任介绍情况。", "Agency")
    # a county's 办 may be another body: left as written
    assert ("来凤县民政办", "来凤县民政办") in names(nlp, "来凤县民政办主任介绍情况。", "Agency")


def test_development_zones_are_named_with_their_city_and_short_forms_stand_for_the_one_named(nlp):
    found = names(nlp, "日前，嘉兴经济技术开发区城南街道开展活动。居民联系经开区以及住建部门。", "Place")
    assert ("经济技术开发区", "嘉兴经济技术开发区") in found and ("经开区", "嘉兴经济技术开发区") in found
    found = names(nlp, "日前，无锡高新技术产业开发区开展活动。高新区表示。", "Place")
    assert {n for _, n in found} == {"无锡高新技术产业开发区"}
    assert {n for _, n in names(nlp, "嘉兴经开区开展活动。居民联系经开区。", "Place")} == {"嘉兴经开区"}
    # with no zone named, 经开区 is no one place: every city has one
    assert not names(nlp, "居民联系经开区以及住建部门。", "Place")


def test_an_umbrella_programme_before_a_dash_is_not_merged_into_the_one_under_it(nlp):
    found = names(nlp, "县政协创新“有话好好说”协商议事工作，实施“有话好好说——‘码’上谈”工程。", "Program")
    assert ("“有话好好说”", "有话好好说") in found
    assert any(n.startswith("有话好好说——") for _, n in found)


def test_bare_heads_in_an_enumeration_are_named_by_it(nlp):
    found = names(nlp, "据了解，嘉善县目前整合了民政、残联、工会、医保等16个部门数据。", "Agency")
    assert {n for _, n in found} == {"嘉善县民政局", "嘉善县残疾人联合会", "嘉善县总工会", "嘉善县医疗保障局"}


def test_a_divisions_function_system_is_the_body_of_that_function(nlp):
    found = names(nlp, "近年来，嘉兴市医保系统深入推进改革。县人社系统推出新服务。全市公安系统开展培训。", "Agency")
    assert ("嘉兴市医保系统", "嘉兴市医疗保障局") in found
    assert any(s == "县人社系统" for s, _ in found)
    assert not any("公安" in n for _, n in found)  # 全市: the sector everywhere, not one body


def test_a_villages_body_is_named_by_the_village_alone(nlp):
    found = names(nlp, "铜陵市义安区五松镇新丰社区党委书记、“楼栋长”王明入户看望老人。", "Agency")
    assert {n for _, n in found} == {"新丰社区党委"}
    places = {n for _, n in names(nlp, "铜陵市义安区五松镇新丰社区党委书记王明入户。", "Place")}
    assert "五松镇新丰社区" in places and not any(p.endswith("党委") for p in places)
    # a village named like a county is the village (新丰村, not 新丰县 + 村)
    assert {n for _, n in names(nlp, "新丰村党支部书记王明介绍。", "Agency")} == {"新丰村党支部"}
    # a larger village's party committee, its post written as one word (党委书记)
    found = names(nlp, "记者来到溧阳市天目湖镇柳湾村。村党委书记吴刚介绍了村里的变化。", "Agency")
    assert ("村党委", "柳湾村党委") in found


def test_departments_listed_after_a_city_and_district_are_the_districts(nlp):
    found = names(nlp, "嘉兴市南湖区统筹卫健、人社、民政等9个部门联合开展“暖心护老”行动。", "Agency")
    assert {n for _, n in found} == {"嘉兴市南湖区卫生健康委员会", "嘉兴市南湖区人力资源和社会保障局", "嘉兴市南湖区民政局"}


def test_systems_of_provinces_municipalities_and_common_words(nlp):
    # a province's department is a 厅 where it is one, a municipality's a 局
    found = names(nlp, "江苏省民政系统推行新服务，江苏省医保系统跟进。上海市人社系统推出新服务。", "Agency")
    assert {n for _, n in found} == {"江苏省民政厅", "江苏省医疗保障局", "上海市人力资源和社会保障局"}
    # after 与/在 too, not inside a word (城市, 城乡, 各区县, 民族地区)
    found = names(nlp, "嘉兴市教育系统与市人社系统联合开展培训。建设智慧城市交通系统，完善城乡教育系统。", "Agency")
    assert {n for _, n in found} == {"嘉兴市教育局", "嘉兴市人力资源和社会保障局"}
    assert not names(nlp, "全市各区县教育系统、民族地区教育系统、县区医保系统开展培训。", "Agency")
    # the municipalities run some functions as commissions, not bureaus
    assert {n for _, n in names(nlp, "北京市教育系统开展培训，北京市医保系统跟进。", "Agency")} == {"北京市医疗保障局"}


def test_one_zone_whether_its_city_is_written_with_or_without_its_level(nlp):
    found = names(nlp, "嘉兴市高新区召开会议。嘉兴高新区企业代表发言。高新区企业表示支持。", "Place")
    assert {n for s, n in found if "高新区" in s} == {"嘉兴高新区"}


def test_villages_of_one_name_under_two_towns_are_two_and_so_are_their_bodies(nlp):
    ((dd, doc),) = process(nlp, [make_document("t.txt", "秀洲区王江泾镇竹林村党支部书记王明介绍。南湖区新丰镇竹林村党支部书记李华介绍。")])
    r = extract_document(dd, doc)
    agencies = {m["key"] for m in r["mentions"] if m["label"] == "Agency"}
    places = {m["name"] for m in r["mentions"] if m["label"] == "Place" and m["surface"] == "竹林村"}
    assert len(agencies) == 2 and places == {"王江泾镇竹林村", "新丰镇竹林村"}
    assert {m["name"] for m in r["mentions"] if m["label"] == "Agency"} == {"竹林村党支部"}


def test_bare_bodies_of_a_community_belong_to_it(nlp):
    found = names(nlp, "嘉兴市南湖区东湖社区开展活动。社区居民委员会主任王晓峰和社区人民调解委员会参加。", "Agency")
    assert {n for _, n in found} == {"东湖社区居民委员会", "东湖社区人民调解委员会"}
    assert not names(nlp, "东湖社区开展活动。各社区居民委员会要配合。", "Agency")  # every one, not one


def test_a_town_written_with_its_county_or_the_county_short_form_is_one_place(nlp):
    found = names(nlp, "嘉善县禾丰街道开展活动。嘉善禾丰街道东湖社区表示支持。", "Place")
    assert {n for s, n in found if s == "禾丰街道"} == {"嘉善县禾丰街道"}
    assert ("恩施州", "恩施土家族苗族自治州") in names(nlp, "恩施州高新区开展活动。", "Place")
    assert ("高新区", "恩施高新区") in names(nlp, "恩施州高新区开展活动。", "Place")
    assert ("高新区", "恩施高新区") in names(nlp, "恩施土家族苗族自治州高新区开展活动。", "Place")


def test_a_ministry_named_like_a_county_is_the_ministry(nlp):
    assert {n for _, n in names(nlp, "公安部召开新闻发布会。", "Agency")} == {"公安部"}


def test_a_campaign_core_with_two_event_heads_is_one_programme(nlp):
    found = names(nlp, "志愿者发出“同行”倡议。“同行”活动下月启动。欢迎加入“同行”爱心公益活动。", "Program")
    assert {n for _, n in found} == {"同行活动"}
    # what a campaign says of itself may make another of that name
    found = names(nlp, "去年，溧阳市公安局开展“雷霆”行动。今年，溧阳市市场监管局又启动“雷霆”食品安全整治行动。", "Program")
    assert len({n for _, n in found}) == 2, found
    # and without the bare core: the plain event and the event in full (not 活动 with 行动)
    found = names(nlp, "溧阳市公安局“清风”行动打掉团伙。民警在“清风”专项行动中抓获嫌疑人。“清风”宣传活动同步开展。",
                  "Program")
    assert {n for _, n in found} == {"清风行动", "清风宣传活动"}, found


def test_a_bureau_written_with_and_without_its_merged_function_is_one_body(nlp):
    found = names(nlp, "常州市金坛区自然资源和规划局开展宣传。金坛区自然资源局工作人员讲解政策。金坛区民政局参加。", "Agency")
    assert {n for _, n in found} == {"常州市金坛区自然资源和规划局", "常州市金坛区民政局"}


def test_a_government_service_centre_by_its_short_name(nlp):
    found = names(nlp, "常州市金坛区政务服务中心延长服务时间。金坛区政务中心还设置了休息区。", "Agency")
    assert {n for _, n in found} == {"常州市金坛区政务服务中心"}


def test_the_city_government_by_its_relative_name(nlp):
    found = names(nlp, "溧阳市召开会议。市人大常委会、市政府、市政协领导参加。市政管理处负责道路养护。", "Agency")
    assert ("市政府", "溧阳市人民政府") in found
    assert not any(n.startswith("溧阳市政") for _, n in found)  # 市政管理处: municipal works, not 市 + 政管理处


def test_campaigns_that_share_a_quoted_core_stay_apart_without_a_bare_event(nlp):
    found = names(nlp, "市妇联开展“春蕾”助学活动，县妇联开展“春蕾”夏令营活动。“春蕾”惠及学生千余名。", "Program")
    assert {"春蕾助学活动", "春蕾夏令营活动"} <= {n for _, n in found}


def test_a_service_centre_abbreviation_only_for_the_whole_name(nlp):
    found = names(nlp, "贵州省电子政务中心负责平台运维。", "Agency")
    assert ("贵州省电子政务中心", "贵州省电子政务中心") in found


def test_a_citys_hotline_is_named_with_the_city_and_its_bare_mentions_join_it(nlp):
    found = names(nlp, "常州12345热线接到市民来电。拨打12345热线即可反映。", "Program")
    assert {n for _, n in found} == {"常州12345热线"}
    # the line named by its number and what it is; a count of calls is no line
    found = names(nlp, "居民可拨打12345政务服务便民热线反映问题。今年12345热线接听1200个热线电话。", "Program")
    assert found == {("12345政务服务便民热线", "12345政务服务便民热线"), ("12345热线", "12345政务服务便民热线")}


def test_a_compounds_joint_committee_and_the_compound_with_and_without_xiaoqu(nlp):
    d = make_document("t.txt", "竹林街道成立紫云花园（联合）党委。紫云花园（联合）党委书记王建介绍。家住紫云花园小区的居民很满意。")
    ((dd, doc),) = process(nlp, [d])
    r = extract_document(dd, doc)
    found = {(m["label"], m["name"]) for m in r["mentions"]}
    assert ("Agency", "紫云花园（联合）党委") in found  # as written, not a county's 花园（联合）党委
    assert {n for lab, n in found if lab == "Place" and "紫云" in n} == {"紫云花园小区"}
    names_ = {m["key"]: m["name"] for m in r["mentions"]}
    rels = {(names_[x["source"]], x["type"], names_[x["target"]]) for x in r["relations"]}
    assert ("王建", "holds_position", "紫云花园（联合）党委") in rels


def test_a_village_and_its_compound_stay_apart_and_hotlines_by_the_short_form(nlp):
    found = names(nlp, "桃源村村民搬进了桃源村小区的新房。", "Place")
    assert {n for _, n in found} == {"桃源村", "桃源村小区"}
    found = names(nlp, "江苏省常州市12345热线受理诉求。常州12345热线接通率高。拨打12345热线反映。", "Program")
    assert {n for _, n in found} == {"常州12345热线"}
    found = names(nlp, "县政府采购监督小组开展检查。", "Agency")
    assert {n for _, n in found} == {"县政府采购监督小组"}  # 政府采购 (procurement), no 人民政府 unit


def test_the_youth_league_committee_by_its_relative_name(nlp):
    found = names(nlp, "溧阳市召开会议。团市委联合市教育局开展志愿服务。", "Agency")
    assert ("团市委", "共青团溧阳市委员会") in found
    # without a city in the text it stays as written, like 市委
    assert ("团县委", "团县委") in names(nlp, "团县委组织青年志愿者开展活动。", "Agency")


def test_a_programme_written_with_and_without_its_level_is_one(nlp):
    found = names(nlp, "受聘为“银发管家”的党员主持会议。溧阳市组建“社区银发管家”队伍，化解矛盾。", "Program")
    assert found == {("“银发管家”", "社区银发管家"), ("“社区银发管家”", "社区银发管家")}


def test_a_documents_kind_alone_refers_back_to_the_document_named_before(nlp):
    found = names(nlp, "县政府印发《溧阳河道保护实施意见》（以下简称《实施意见》）。《实施意见》提出三项任务。"
                       "县里还出台了《溧阳河道保洁办法》。《办法》自公布之日起施行。", "Policy")
    assert ("《实施意见》", "溧阳河道保护实施意见") in found
    assert ("《办法》", "溧阳河道保洁办法") in found
    # with two it could refer to and neither before it, it names nothing; a short name of its own stays
    found = names(nlp, "《意见》提出三项任务。县里印发《溧阳河道保护意见》和《溧阳湖泊保护意见》。学习《宪法》。", "Policy")
    assert {n for _, n in found} == {"溧阳河道保护意见", "溧阳湖泊保护意见", "宪法"}
    assert not any(label == "Agency" for _, label in {(s, "Agency") for s, _ in names(
        nlp, "县里出台了《溧阳河道保洁办法》。", "Agency")})


def test_the_political_consultative_conference_by_its_committee_name_and_term(nlp):
    found = names(nlp, "政协溧阳市委员会召开会议。溧阳市政协主席出席。政协第十届溧阳市委员会第三次会议开幕。", "Agency")
    assert {n for _, n in found} == {"中国人民政治协商会议溧阳市委员会"}
    found = names(nlp, "政协第十四届全国委员会召开会议。政协全国委员会常务委员会工作报告。", "Agency")
    assert {n for _, n in found} == {"全国政协", "全国政协常务委员会"}


def test_a_body_named_after_its_parent_and_a_committee_written_with_hui(nlp):
    found = names(nlp, "国务院抗震救灾指挥部办公室启动响应。国务院安委会要督促各地。县委会议召开。", "Agency")
    assert {"国务院抗震救灾指挥部办公室", "国务院安委会"} <= {n for _, n in found}
    assert ("县委", "县委") in found  # 县委|会议, not a 县委会


def test_the_party_prefix_of_a_state_bodys_party_group_is_not_the_bodys(nlp):
    found = names(nlp, "中共溧阳市人大常委会党组召开会议。中共溧阳市委召开全会。", "Agency")
    assert ("中共溧阳市人大常委会", "溧阳市人民代表大会常务委员会") in found
    assert ("中共溧阳市委", "中共溧阳市委员会") in found


def test_a_committee_member_heading_one_of_its_departments(nlp):
    found = names(nlp, "溧阳市委召开会议。市委常委、宣传部部长李红出席。中共溧阳市委常委、组织部部长王刚出席。", "Agency")
    assert ("宣传部", "溧阳市委宣传部") in found
    assert ("组织部", "中共溧阳市委组织部") in found


def test_a_headline_glued_to_the_dateline_after_it_opens_the_article(nlp):
    text = ("溧阳市：茶旅融合带火乡村旅游\n本报讯（通讯员 潘文）溧阳市大力发展乡村旅游。县委宣传部开展宣传。\n"
            "金坛区：推进非遗传承\n本报讯（记者 李雪）金坛区积极推进非遗传承。区人社局开展培训。")
    found = names(nlp, text, "Agency")
    assert ("区人社局", "常州市金坛区人力资源和社会保障局") in found
    from govgraph.extract.articles import article_index
    assert article_index(["甲县：乡村旅游火了本报讯（记者 王林）甲县发展旅游。", "县里介绍经验。",
                          "乙县：非遗传承本报讯（记者 李雪）乙县推进传承。", "本报讯说明，今年如何。"]) == [0, 0, 1, 2]


def test_a_formula_starting_with_a_programmes_name_is_another_programme(nlp):
    found = names(nlp, "溧阳市依托“茶超”品牌效应发展旅游。县委宣传部推出“茶超+非遗”系列短视频。", "Program")
    assert {n for _, n in found} == {"茶超", "茶超+非遗"}


def test_a_congress_or_conference_named_with_its_term(nlp):
    found = names(nlp, "溧阳市第十八届人民代表大会第三次会议开幕。政协溧阳市第十届委员会第三次会议同日开幕。", "Agency")
    assert {n for _, n in found} == {"溧阳市人民代表大会", "中国人民政治协商会议溧阳市委员会"}
    found = names(nlp, "中华人民共和国第十四届全国人民代表大会第二次会议开幕。", "Agency")
    assert {n for _, n in found} == {"全国人民代表大会"}
    found = names(nlp, "会议通过了关于撤销张小三政协第十四届全国委员会委员资格的决定。", "Agency")
    assert {n for _, n in found} == {"全国政协"}
    # a level character before the term (县第十八届人民代表大会), and the term written without 第
    found = names(nlp, "溧阳市召开市第十八届人民代表大会第五次会议。市十八届人大五次会议胜利闭幕。", "Agency")
    assert {n for _, n in found} == {"溧阳市人民代表大会"}, found
    assert ("市十八届人大", "溧阳市人民代表大会") in found, found


def test_a_village_body_after_a_list_of_villages_names_none(nlp):
    found = names(nlp, "宣威镇在柳湾村、桃溪村等8个村发展蓝莓产业。宣威镇开展协商活动，由村党支部牵头。"
                       "在柳湾村，村委会组织村民开会。", "Agency")
    assert not any(surface == "村党支部" for surface, _ in found), found
    assert ("村委会", "柳湾村村民委员会") in found


def test_a_county_short_form_beginning_a_communitys_name_is_no_prefix_of_its_body(nlp):
    found = names(nlp, "在天宁湖社区卫生服务中心，他了解药品配备情况。江苏农业农村厅加大投入。", "Agency")
    assert ("天宁湖社区卫生服务中心", "天宁湖社区卫生服务中心") in found, found
    assert ("江苏农业农村厅", "江苏省农业农村厅") in found
    found = names(nlp, "江西乡村振兴局发布通知。", "Agency")
    assert ("江西乡村振兴局", "江西省乡村振兴局") in found, found


def test_a_township_station_named_like_a_county_elsewhere_keeps_its_name(nlp):
    found = names(nlp, "天柱县公安局开展行动。凤城派出所所长石光明带领民警走村入户。城关派出所民警巡逻。凤城市公安局参加。")
    assert ("凤城派出所", "凤城派出所") in found and ("城关派出所", "城关派出所") in found
    assert ("凤城", "凤城市") not in found  # no county-level city inside the station's name
    assert ("凤城市公安局", "凤城市公安局") in found


def test_this_village_s_body_is_the_body_of_the_village_named_before(nlp):
    for text in ("近日，溧阳市柳湾村“积分超市”开业。该村党支部书记吴刚说，村民可获得积分。",
                 "柳湾村开展活动。本村党支部书记吴刚说，村民可获得积分。"):
        assert ("村党支部", "柳湾村党支部") in names(nlp, text, "Agency"), text


def test_a_townships_bodies_named_by_the_township_the_text_is_at(nlp):
    found = names(nlp, "溧阳市天目湖镇开展活动。镇文化旅游服务中心主任王建华介绍，镇综合文化站、镇纪委、乡财政所参加。"
                       "镇江市民政局参加。游客服务中心、社区卫生服务中心和区域养老服务中心开放。", "Agency")
    assert {("镇文化旅游服务中心", "溧阳市天目湖镇文化旅游服务中心"), ("镇综合文化站", "溧阳市天目湖镇综合文化站"),
            ("镇纪委", "溧阳市天目湖镇纪律检查委员会"), ("乡财政所", "溧阳市天目湖镇财政所")} <= found, found
    assert ("镇江市民政局", "镇江市民政局") in found
    assert not any("服务中心" in s and not s.startswith("镇") for s, _ in found), found
    # a named street's centre is its body
    assert ("溧阳市昆仑街道便民服务中心", "溧阳市昆仑街道便民服务中心") in names(
        nlp, "溧阳市昆仑街道便民服务中心工作人员上门服务。", "Agency")
    # with no township in the article, a township's body is no one's
    assert not names(nlp, "市、区、镇人大负责同志发言。", "Agency")
    # so is its chamber of commerce (an organisation); a council of local notables is no township's
    found = names(nlp, "溧阳市天目湖镇组建镇商会，成立乡贤理事会。", "Organization")
    assert found == {("镇商会", "溧阳市天目湖镇商会")}, found
    keys = {m["key"] for m in extract(nlp, "溧阳市天目湖镇组建镇商会。")["mentions"] if m["surface"] == "镇商会"}
    assert keys == {"organization/溧阳市天目湖镇商会"}


def test_a_township_written_without_its_suffix_is_the_township_the_document_names(nlp):
    found = names(nlp, "溧阳市天目湖镇开展活动。当地开通天目湖至溧阳市区的旅游专线。", "Place")
    assert ("天目湖", "溧阳市天目湖镇") in found
    # two townships of that stem: which one is not said
    found = names(nlp, "溧阳市柳湾镇和宜兴市柳湾乡开展活动。柳湾风景优美。", "Place")
    assert not any(s == "柳湾" and n.endswith(("镇", "乡")) for s, n in found)


def test_a_divisions_short_form_inside_a_programme_far_from_the_article_is_a_word_of_it(nlp):
    found = names(nlp, "溧阳市人民检察院开展“清河护岸”专项监督活动，督促整改问题。涉林涉河案件增多。", "Place")
    assert {s for s, _ in found} == {"溧阳市"}, found
    # so inside a team's quoted name (桃源: the community's, not 桃源县 far away)
    found = names(nlp, "溧阳市柳湾社区组建了“桃源红管家”志愿服务队，帮助居民解决诉求。", "Place")
    assert not any(n.startswith("桃源") for _, n in found), found
    # the article's own places stay, inside a programme or named outside it too
    r = extract(nlp, "江苏省溧阳市、江苏省常州市和江苏省无锡市开展活动。北京以花为媒，举办“花开北京”文化活动。"
                     "溧阳市开展“健康溧阳”行动。")
    beijing = [m for m in r["mentions"] if m["surface"] == "北京"]
    assert len(beijing) == 2 and all(m["name"] == "北京市" for m in beijing)
    assert any(m["surface"] == "溧阳" and m["name"] == "溧阳市" for m in r["mentions"])


def test_another_countrys_ministry_is_not_chinas(nlp):
    found = names(nlp, "俄罗斯国防部6日称，俄军击落无人机。俄国防部还称。美国国务院发言人表示。伊朗外交部发言人宣布。"
                       "中国外交部发言人表示。国务院常务会议召开。", "Agency")
    assert {("俄罗斯国防部", "俄罗斯国防部"), ("俄国防部", "俄罗斯国防部"), ("美国国务院", "美国国务院"),
            ("伊朗外交部", "伊朗外交部"), ("外交部", "外交部"), ("国务院", "国务院")} <= found, found
    assert not any(n == "国防部" for _, n in found)  # no Chinese ministry in this text
    assert not names(nlp, "俄国防部称。", "Place")  # nor a place 俄国防 cut across the name
    # 以 is Israel before a body, and a preposition in 以X名义
    found = names(nlp, "以国防部称，以军继续行动。会议决定，以国务院办公厅名义印发通知。", "Agency")
    assert ("以国防部", "以色列国防部") in found and ("国务院办公厅", "国务院办公厅") in found, found
    assert not any(n == "国防部" for _, n in found)


def test_no_context_or_name_from_rules_that_fire_too_widely(nlp):
    # under a 州, 市 is the county-level city the article names
    found = names(nlp, "恩施州副州长到利川市调研。恩施州要求各地抓好落实。市医保局负责人汇报了工作。", "Agency")
    assert ("市医保局", "利川市医疗保障局") in found, found
    # a title's county under another city is no context of the text
    found = names(nlp, "邵阳市考察团学习借鉴《龙山县乡村振兴规划》的经验，县农业农村局负责人陪同。", "Agency")
    assert ("县农业农村局", "县农业农村局") in found, found
    # a county written with its level inside a quoted name is still the article's
    found = names(nlp, "县文旅局启动“凤凰县十佳旅游村”评选活动，县融媒体中心全程报道。", "Agency")
    assert ("县文旅局", "凤凰县文化和旅游局") in found, found
    # dashes between Latin letters or digits stay as written
    found = names(nlp, "溧阳市启动“Wi-Fi全覆盖”工程。", "Program")
    assert {n for _, n in found} == {"Wi-Fi全覆盖工程"}, found


def test_a_supervisory_commission_by_its_short_name_and_as_the_discipline_commission_s_twin(nlp):
    found = names(nlp, "溧阳市召开大会。市委常委、市纪委书记、市监委主任王建华讲话。溧阳市纪委监委宣传部发布通报。", "Agency")
    assert ("市监委", "溧阳市监察委员会") in found, found
    assert ("溧阳市纪委监委宣传部", "溧阳市纪委监委宣传部") in found, found


def test_registration_and_management_centres_are_bodies(nlp):
    found = names(nlp, "溧阳市召开会议。市不动产登记中心、溧阳市住房公积金管理中心参加。", "Agency")
    assert {("市不动产登记中心", "溧阳市不动产登记中心"), ("溧阳市住房公积金管理中心", "溧阳市住房公积金管理中心")} <= found, found
    assert names(nlp, "公司投资建设智慧仓储管理中心。", "Agency") == set()  # (a facility)
