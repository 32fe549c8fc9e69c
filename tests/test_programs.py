"""The programme recogniser (gg_programs), on sentences written for the tests."""

import pytest

from govgraph.ingest import make_document
from govgraph.nlp import load_pipeline, process


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def spans(nlp, text):
    d = make_document("t.txt", text)
    ((_, doc),) = process(nlp, [d])
    return {(s.text, s.label_): s._.gg for s in doc.spans["gg"]}


def programs(nlp, text):
    return {t: (a or {}).get("name") for (t, label), a in spans(nlp, text).items() if label == "Program"}


def test_a_short_descriptor_between_the_quote_and_the_head(nlp):
    found = programs(nlp, "街道建立“三联动”工作机制，开展“春风暖巷”系列志愿宣传活动。")
    # a short core keeps its descriptor; a long descriptor only says what kind of thing it is
    assert found.get("“三联动”工作机制") == "三联动工作机制"
    assert found.get("“春风暖巷”系列志愿宣传活动") == "春风暖巷"


def test_a_descriptor_that_is_a_clause_or_a_count_is_not_part_of_the_name(nlp):
    found = programs(nlp, "全面推进“乡村振兴”八项行动，坚持“稳字当头”的模式，“暖心行动”启动全市改革。")
    assert not any("八项" in t or "的模式" in t or "改革" in t for t in found)


def test_a_ranking_word_is_not_part_of_the_name(nlp):
    found = programs(nlp, "加快建设“北水南调”重点工程。")
    assert found.get("“北水南调”重点工程") == "北水南调"


def test_vehicles_name_the_service_not_a_company(nlp):
    found = spans(nlp, "居民可在微信搜索“邻里通达”小程序，或使用“安居帮”程序、“家家修”App报修。")
    progs = {t: a["name"] for (t, lab), a in found.items() if lab == "Program"}
    assert progs.get("“邻里通达”小程序") == "邻里通达"
    assert progs.get("“安居帮”程序") == "安居帮"
    assert progs.get("“家家修”App") == "家家修"
    assert not any(lab == "Organization" for _, lab in found)


def test_an_n_plus_x_model_names_itself(nlp):
    found = programs(nlp, "村里探索“合作社+农户+电商”的经营模式，形成“社区+物业+业委会”三方联动。")
    assert found.get("“合作社+农户+电商”") == "合作社+农户+电商"
    assert found.get("“社区+物业+业委会”") == "社区+物业+业委会"


def test_an_umbrella_campaign_before_a_dash(nlp):
    found = programs(nlp, "全市法院开展“执行攻坚”——“护薪暖冬”专项行动。")
    assert found.get("“执行攻坚”") == "执行攻坚"
    assert found.get("“护薪暖冬”专项行动") == "护薪暖冬专项行动"


def test_a_named_platform_after_a_verb_of_use(nlp):
    found = programs(nlp, "该市依托江西省养老服务信息平台开展排查，并通过大数据平台比对。"
                          "园区搭建国家级创新平台。")
    assert "江西省养老服务信息平台" in found
    assert not any(t in ("大数据平台", "国家级创新平台") for t in found)


def test_a_quoted_name_after_a_founding_verb_and_the_level_it_is_for(nlp):
    found = spans(nlp, "搭建“乡贤议事坊”，组建社区“银龄巡逻队”，一批青年获评“优秀创业团队”。")
    assert ("“乡贤议事坊”", "Program") in found
    assert ("“银龄巡逻队”", "Organization") in found  # a named team
    assert ("“优秀创业团队”", "Organization") not in found  # an honour, not a team it names


def test_a_quoted_series_joined_by_he_before_a_descriptor_and_head(nlp):
    found = programs(nlp, "居民踊跃参加“9·9公益日”“一起跑”和“一起帮”爱心公益活动。")
    assert {"9·9公益日", "一起跑", "一起帮"} <= set(found.values())
    found = programs(nlp, "县里将继续开展“暖冬行动”“技能帮扶月”等专项活动。")
    assert {"暖冬行动", "技能帮扶月"} <= set(found.values())


def test_quoted_names_listed_before_platforms_are_platforms(nlp):
    found = programs(nlp, "居民可通过“苏农云”“云闪付”“溧阳市医疗保障局”微信公众号等平台缴费。"
                          "依托“苏医保”和“江苏省医保局网上大厅”两个平台办理业务。")
    assert {"苏农云", "云闪付", "溧阳市医疗保障局微信公众号", "苏医保", "江苏省医保局网上大厅"} <= set(found.values())
    assert "“溧阳市医疗保障局”" not in found  # the account is the platform, not the bureau
    assert "巾帼暖家" in programs(nlp, "完善“邻里书屋”、“社区老年学校”“巾帼暖家”等阵地建设。").values()


def test_quoted_name_with_a_line_of_hotline_or_special_line(nlp):
    found = programs(nlp, "市中院开通“企业诉求专线”，方便企业反映问题。")
    assert "“企业诉求专线”" in found


def test_a_quoted_service_that_the_clause_launches_or_uses(nlp):
    found = programs(nlp, "全县通过“邻里互助服务”凝聚人心，推进快递小哥“结对帮扶服务”。车站为旅客开辟“绿色服务”通道。")
    assert "“邻里互助服务”" in found
    assert "“结对帮扶服务”" in found
    assert "“绿色服务”" not in found


def test_a_quoted_list_of_qualities_or_actions_is_one_programme(nlp):
    found = programs(nlp, "全面开展“先锋型、智慧型、温暖型”社区创建活动。街道打造“银发帮、青苗护”邻里品牌。")
    assert found.get("“先锋型、智慧型、温暖型”社区创建活动") == "先锋型、智慧型、温暖型社区创建活动"
    assert not any(t.endswith("型") for t in found)
    assert {"银发帮", "青苗护"} <= set(found)
    # with no count of the items, no 等 and no brands, a quoted list before a head is one name
    found = programs(nlp, "各乡镇落实“春风拂面、暖心同行”专项行动。推出“早上门、晚回访”等做法。")
    assert found.get("“春风拂面、暖心同行”专项行动") == "春风拂面、暖心同行专项行动"
    assert not {"春风拂面", "暖心同行"} & set(found.values())


def test_unquoted_names_start_with_a_word_of_the_name(nlp):
    found = programs(nlp, "今年要加大湿地生态修复工程推进力度，连续开展多轮清源行动，落实好城乡供水一体化试点，"
                          "深入实施2025年乡村文化振兴专项行动。")
    assert not any(t.startswith(("今年", "要", "多轮", "好")) for t in found)
    assert "城乡供水一体化试点" in found
    assert "2025年乡村文化振兴专项行动" in found


def test_criticised_projects_are_no_programmes(nlp):
    found = programs(nlp, "坚决防止搞“形象工程”“面子工程”，启动“清水润城”工程。")
    assert set(found) == {"“清水润城”工程"}


def test_a_short_quote_with_its_tail_after_a_launch_verb(nlp):
    # “码”上办: the quoted character begins the name; the word after it belongs to it
    assert programs(nlp, "该区推出“码”上办，群众扫码就能办理业务。") == {"“码”上办": "码上办"}
    # but not a clause that goes on after the quote
    assert programs(nlp, "街道推行“网格”服务优化办事流程。") == {}


def test_times_holidays_procedures_and_sectors_are_no_programmes(nlp):
    for text in ("我县开展“双减”后，学生课业负担明显减轻。", "各地按照“应急响应”程序处置险情。",
                 "在“五一”假期活动中，游客明显增多。", "“双十一”促销活动期间，快递量大增。", "通过湖北省公安系统排查线索。",
                 "通过国家层面统筹推进数据平台建设。"):
        assert programs(nlp, text) == {}, text


def test_a_campaign_named_for_a_holiday_stays(nlp):
    assert programs(nlp, "全市举行庆祝“五一”国际劳动节全民健步活动。") != {}


def test_a_quoted_strategy_is_a_programme_named_by_its_core(nlp):
    assert programs(nlp, "全省各级法院围绕“山海协作”战略开展工作。") == {"“山海协作”战略": "山海协作"}
    assert list(programs(nlp, "“千村示范”战略工程的理念依然重要。").values()) == ["千村示范战略工程"]


def test_a_one_character_pun_in_quotes_belongs_to_the_word_before_it(nlp):
    assert list(programs(nlp, "推出暖“新”驿站，服务快递小哥。").values()) == ["暖新驿站"]
    found = spans(nlp, "社会工作部牵头成立聚“新”联盟。")
    assert any(a and a.get("name") == "聚新联盟" for (t, lab), a in found.items() if lab == "Organization")
    # not a preposition or a particle before it
    assert "新字号活动" in programs(nlp, "为“新”字号活动助力。").values()


def test_a_party_congress_report_is_a_document_with_or_without_marks(nlp):
    found = spans(nlp, "党的十九大报告提出，要完善社会治理。")
    assert ("党的十九大报告", "Policy") in found


def test_strategies_carriers_puns_and_pilot_lists_on_their_boundaries(nlp):
    assert not programs(nlp, "双方签署“双城联动”战略合作协议，打造“一带一路”战略支点。")
    assert list(programs(nlp, "嘉兴市深入实施“禾城振兴”战略部署。").values()) == ["禾城振兴"]
    assert not programs(nlp, "嘉兴市以“党建”为载体开展工作。")
    assert list(programs(nlp, "街道为快递小哥建“新”驿站。").values()) == ["新驿站"]
    assert list(programs(nlp, "暖“新”驿站投入使用。").values()) == ["暖新驿站"]
    for text in ("民政部公布了2024年度社区嵌入式服务试点名单。", "公布首批国家级社区嵌入式服务试点名单。"):
        assert list(programs(nlp, text).values()) == ["社区嵌入式服务试点"]


def test_a_papers_news_desk_is_no_outlet(nlp):
    assert not [t for t, lab in spans(nlp, "嘉兴日报全媒体新闻记者 王晓东") if t.endswith("新闻")]


def test_a_quoted_manner_is_no_programme_a_model_named_with_it_is(nlp):
    found = programs(nlp, "组织开展“沉浸体验式”岗前培训。推出“菜单式”服务。推行“保姆式”服务模式。")
    assert set(found.values()) == {"保姆式服务模式"}


def test_concepts_and_quoted_problems_are_no_programmes(nlp):
    found = programs(nlp, "对违规吃喝开展专项整治，严查“吃公函”、“吃食堂”、“吃老板”等问题。一体推进“三不腐”。融入“五位一体”总体布局。热词就是“新质生产力”。"
                          "开展“清风行动”专项整治。")
    assert set(found.values()) == {"清风行动"}


def test_quoted_lists_of_headed_items_problems_and_named_manners(nlp):
    found = programs(nlp, "县妇联开展“春苗计划、暖冬工程”，惠及妇女儿童。")
    assert {"春苗计划", "暖冬工程"} <= set(found.values())  # each item has its own head
    found = programs(nlp, "该区实施“微心愿、微服务、微治理”行动打造服务品牌。")
    assert set(found.values()) == {"微心愿、微服务、微治理行动"}  # 品牌 of the sentence, not of the list
    found = programs(nlp, "深入推进“厕所革命”问题整改。")
    assert set(found.values()) == {"厕所革命"}  # 问题整改 does not close a list of problems
    found = programs(nlp, "该镇创建“枫桥式”人民法庭。")
    assert set(found.values()) == {"枫桥式"}  # a manner named for a body, not how something is done


def test_service_sites_are_no_head_and_a_quoted_working_group_is_a_body(nlp):
    found = programs(nlp, "市医保局推出“暖心服务圈”。各乡镇加快“暖心服务圈”服务站点布局。")
    assert set(found.values()) == {"暖心服务圈"}  # 服务站|点: the programme's sites, not a 服务站 of it
    found = spans(nlp, "溧阳市民政局设立“帮扶研判小组”。")
    assert [label for (t, label) in found if "研判小组" in t] == ["Agency"]


def test_only_a_service_station_before_dian_loses_its_head(nlp):
    found = programs(nlp, "社区开展“微心愿”活动点亮困难儿童新年梦想。")
    assert set(found.values()) == {"微心愿活动"}


def test_a_quoted_name_before_a_charter_word_is_a_document(nlp):
    found = spans(nlp, "村里制定了“孝老五条”公约，还修订了“睦邻”章程。")
    assert ("“孝老五条”公约", "Policy") in found and ("“睦邻”章程", "Policy") in found
    assert not any(label == "Program" for _, label in found)


def test_a_quote_describing_the_pattern_a_verb_builds_is_no_programme(nlp):
    found = programs(nlp, "溧阳市不断构建“从田间到餐桌”的监管大格局。沿河形成了“三湾五园”的格局。县里构建“邻里守望”志愿服务体系。")
    assert "从田间到餐桌" not in found.values() and "三湾五园" not in found.values()
    assert any(v.startswith("邻里守望") for v in found.values())


def test_a_title_ending_with_the_years_it_covers_and_a_programme_named_like_a_bank(nlp):
    found = spans(nlp, "县里出台《溧阳市养老服务体系建设三年行动计划（2024—2026年）》，推广“邻里银行”互助养老模式。")
    assert ("《溧阳市养老服务体系建设三年行动计划（2024—2026年）》", "Policy") in found
    assert found[("“邻里银行”互助养老模式", "Program")]["name"] == "邻里银行"
    assert not any(label == "Organization" for _, label in found)


def test_a_quoted_hotline_number_named_with_what_it_is(nlp):
    found = programs(nlp, "溧阳市开通了“12345”政务服务便民热线溧阳分中心。")
    assert "12345政务服务便民热线" in found.values()


def test_a_quote_the_clause_calls_a_brand_or_a_model_case(nlp):
    found = programs(nlp, "“院坝会”议出新生活。负责人表示，“院坝会”已成为溧阳基层治理的一张名片。“暖心”二字温暖人心。")
    assert "院坝会" in found.values() and "暖心" not in found.values()


def test_a_manner_said_as_such_is_no_programme_alone(nlp):
    found = programs(nlp, "他组建“一对一”帮扶群。县医保局进行“一对一”指导。专班采取“一对一”包干服务模式。")
    assert set(found.values()) == {"一对一包干服务模式"}


def test_a_quoted_name_built_together_is_a_programme(nlp):
    found = programs(nlp, "溧阳市图书馆与常州大学合作共建“柳湾书房”。")
    assert set(found.values()) == {"柳湾书房"}, found


def test_a_holiday_in_quotes_is_not_the_programme_named_after_it(nlp):
    found = spans(nlp, "开展“五一”国际劳动节全民登高活动。“五一”假期去外面玩的人太多了。")
    assert [t for t, lab in found if lab == "Program"] == ["“五一”国际劳动节全民登高活动"], found


def test_a_quoted_league_with_its_season(nlp):
    found = programs(nlp, "“村篮”秋季联赛决赛打响。")
    assert set(found.values()) == {"村篮秋季联赛"}, found


def test_laws_statements_agreements_and_drafts_are_documents(nlp):
    found = spans(nlp, "为村民讲解《中华人民共和国民法典》，审议《溧阳市河道管理条例（修订草案）》《溧阳市物业管理办法（送审稿）》，"
                       "两市签署《溧宜两地合作框架协定》，发表《溧宜联合声明》，印发《2025年溧阳市医保工作要点》。")
    for title in ("《中华人民共和国民法典》", "《溧阳市河道管理条例（修订草案）》", "《溧阳市物业管理办法（送审稿）》",
                  "《溧宜两地合作框架协定》", "《溧宜联合声明》", "《2025年溧阳市医保工作要点》"):
        assert (title, "Policy") in found, title
    found = spans(nlp, "两部门发布《溧阳市茶园管理技术规程》和《溧阳市养老服务规范》，出台《支持小微企业发展的若干政策》。")
    for title in ("《溧阳市茶园管理技术规程》", "《溧阳市养老服务规范》", "《支持小微企业发展的若干政策》"):
        assert (title, "Policy") in found, title


def test_a_scheme_named_like_a_shop_or_a_bank_is_a_programme(nlp):
    found = spans(nlp, "柳湾村“积分超市”正式开业，“爱心超市”“时间银行”同步运行。“华联超市”开业。")
    assert {("“积分超市”", "Program"), ("“爱心超市”", "Program"), ("“时间银行”", "Program")} <= set(found)
    assert not any(label == "Organization" and "银行" in t for t, label in found)
    assert ("“华联超市”", "Organization") in found  # a shop's own name stays a shop's


def test_a_festival_someone_holds_is_a_programme_a_day_of_the_calendar_is_not(nlp):
    found = programs(nlp, "溧阳市将举办第二届“天目湖文化旅游节”。庆祝“六一儿童节”，欢度“国庆节”，迎接“三八国际妇女节”。"
                          "县里紧盯“关键环节”，注重“每个细节”。")
    assert set(found.values()) == {"天目湖文化旅游节"}


def test_a_quoted_sports_event_is_a_programme(nlp):
    found = programs(nlp, "天目湖镇第三届“村篮”篮球赛在柳湾村开幕。全县举办“全民健身”运动会。")
    assert found == {"“村篮”篮球赛": "村篮篮球赛", "“全民健身”运动会": "全民健身运动会"}


def test_a_service_circle_named_by_the_time_to_reach_it(nlp):
    found = programs(nlp, "溧阳市民政局推进10分钟养老服务圈建设。市商务局召开全市一刻钟便民生活圈建设推进会。")
    assert set(found) == {"10分钟养老服务圈", "一刻钟便民生活圈"}, found
    assert set(programs(nlp, "长三角1小时经济圈加快形成。")) == set()  # a region, no programme
    # a walk or a commute is no service circle
    assert programs(nlp, "王大爷每天饭后散步30分钟绕小区一圈。柳湾村民的30分钟通勤圈扩大了。") == {}


def test_an_unquoted_head_inside_a_body_s_name_names_no_programme(nlp):
    # X工程办公室, X工程指挥部: a body (here after a headline glued to the next line)
    found = programs(nlp, "溧阳将实施第二次集中采购活动据溧阳市天目湖水源保护工程办公室消息，采购将于近日完成。")
    assert not any(n.endswith("工程") for n in found.values() if n), found
    assert "天目湖水源保护三年行动" in programs(nlp, "按照实施天目湖水源保护三年行动部署要求，溧阳市开展巡查。").values()


def test_a_campaign_to_build_the_quoted_name(nlp):
    found = programs(nlp, "天目湖镇以“四在农家·美丽乡村”创建为抓手，推动乡村振兴。“平安乡村”建设见成效。")
    assert set(found) >= {"“四在农家·美丽乡村”", "“平安乡村”"}, found
    assert programs(nlp, "表彰“最美家乡”建设者和“溧阳工匠”建设局代表。") == {}
    assert not any(label == "Place" for _, label in spans(nlp, "“平安乡村”建设见成效。")), "平安乡|村: the word 乡村"
