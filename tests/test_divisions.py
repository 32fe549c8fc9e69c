import csv
import importlib.util
import time
import zipfile
from pathlib import Path

import pytest

from govgraph.gazetteers.divisions import DEFAULT_PATH, LEVELS, Division, load_divisions

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def div():
    return load_divisions()


def one(div, form, level=None):
    found = [d for d in div.lookup(form) if level is None or d.level == level]
    assert len(found) == 1, (form, found)
    return found[0]


def names(chain):
    return [d.name for d in chain]


def test_province_prefecture_county(div):
    wuchang = one(div, "武昌区")
    assert wuchang.id == "420106" and wuchang.level == "county"
    assert names(div.chain(wuchang)) == ["湖北省", "武汉市", "武昌区"]
    assert one(div, "武汉") == one(div, "武汉市") == div.parent(wuchang)
    assert one(div, "湖北").level == "province"
    assert "武昌" in wuchang.aliases


def test_township_chain_and_code(div):
    town = one(div, "水果湖街道")
    assert town.level == "township" and town.aliases == ()
    assert town.id == "420106-水果湖街道" and town.code == "420106"
    assert names(div.chain(town)) == ["湖北省", "武汉市", "武昌区", "水果湖街道"]


def test_autonomous_prefecture_short_forms(div):
    yanbian = one(div, "延边朝鲜族自治州")
    assert yanbian.level == "prefecture" and yanbian.code == "222400"
    assert div.lookup("延边") == div.lookup("延边州") == [yanbian]
    assert div.parent(one(div, "延吉市")) == yanbian


def test_autonomous_county_and_banner_short_forms(div):
    changyang = one(div, "长阳土家族自治县")
    assert div.lookup("长阳县") == div.lookup("长阳") == [changyang]
    assert names(div.chain(changyang)) == ["湖北省", "宜昌市", "长阳土家族自治县"]
    assert "鄂伦春旗" in one(div, "鄂伦春自治旗").aliases


def test_autonomous_region_alias(div):
    assert one(div, "广西").name == "广西壮族自治区"
    assert one(div, "内蒙古").level == "province"
    kz = one(div, "克孜勒苏柯尔克孜自治州")
    assert {"克州", "克孜勒苏"} <= set(kz.aliases)


def test_municipality_has_one_node(div):
    beijing = div.lookup("北京市")
    assert len(beijing) == 1 and beijing[0].level == "province" and beijing[0].id == "110000"
    haidian = one(div, "海淀区")
    assert div.parent(haidian) == beijing[0]
    assert names(div.chain(one(div, "中关村街道"))) == ["北京市", "海淀区", "中关村街道"]
    assert div.parent(one(div, "浦东新区")).name == "上海市"


def test_province_administered_county(div):
    # 仙桃 sits directly under the province; the 省直辖 placeholder is not a node.
    assert names(div.chain(one(div, "仙桃市"))) == ["湖北省", "仙桃市"]
    assert not div.lookup("省直辖行政区划")
    assert not div.lookup("市直辖行政区划")


def test_towns_directly_under_prefecture(div):
    dongguan = one(div, "东莞市")
    towns = div.children(dongguan)
    assert towns and all(t.level == "township" for t in towns)
    assert all(t.code == "441900" for t in towns)


def test_ambiguous_lookups(div):
    chaoyang = div.lookup("朝阳区")
    assert len(chaoyang) >= 2
    assert {div.chain(d)[0].name for d in chaoyang} >= {"北京市", "吉林省"}
    assert len(div.lookup("鼓楼区")) >= 3
    assert len(div.lookup("新华街道")) >= 5
    assert div.lookup("不存在的地方") == []
    # both 南沙区 have the short form (the source gives it to one); a kind of zone is no zone's name
    assert {d.parent for d in div.lookup("南沙")} == {"440100", "460300"}
    assert div.lookup("保税区") == [d for d in div.lookup("保税区") if d.level == "township"]
    assert not div.lookup("示范区")


def test_descendants_named(div):
    beijing = one(div, "北京市")
    hits = div.descendants_named(beijing, "朝阳区")
    assert [d.id for d in hits] == ["110105"]
    assert [d.name for d in div.descendants_named(hits[0], "望京街道")] == ["望京街道"]
    assert div.descendants_named(one(div, "海淀区"), "望京街道") == []
    # 三里屯街道 exists in Beijing and in Hebei; the ancestor picks one.
    assert len(div.lookup("三里屯街道")) >= 2
    assert [d.code for d in div.descendants_named(beijing, "三里屯街道")] == ["110105"]


def test_children_and_forms(div):
    wuhan = one(div, "武汉市")
    kids = div.children(wuhan)
    assert "武昌区" in {k.name for k in kids}
    assert all(k.level == "county" and k.parent == wuhan.id for k in kids)
    forms = div.forms()
    assert {"武汉", "武汉市", "延边州", "水果湖街道"} <= forms


def test_management_areas_are_named_without_their_city(div):
    area = one(div, "西洞庭管理区")
    assert div.parent(area).name == "常德市"
    assert not div.lookup("常德市西洞庭管理区")  # the city is a division of its own in a text


def test_a_management_area_after_its_city_is_two_places():
    from govgraph.ingest import make_document
    from govgraph.nlp import load_pipeline, process
    ((_, doc),) = process(load_pipeline(), [make_document("t.txt", "湖南省常德市西洞庭管理区开展活动。")])
    assert {s.text for s in doc.spans["gg"] if s.label_ == "Place"} >= {"常德市", "西洞庭管理区"}


def test_tsv_integrity():
    with open(DEFAULT_PATH, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    ids = [r["id"] for r in rows]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    idset = set(ids)
    counts = {lvl: 0 for lvl in LEVELS}
    for r in rows:
        counts[r["level"]] += 1  # KeyError on anything else, e.g. a village
        assert (r["parent"] == "") == (r["level"] == "province")
        assert r["parent"] == "" or r["parent"] in idset
        if r["level"] == "township":
            assert r["aliases"] == ""
        for a in filter(None, r["aliases"].split(";")):
            assert len(a) > 1 and a != r["name"]
    assert counts["province"] == 34
    assert 300 < counts["prefecture"] < 400
    assert 2800 < counts["county"] < 3400
    assert counts["township"] > 30000
    # Villages (~650k 村/社区 lines in the source) are left out.
    village_like = sum(r["name"].endswith(("村", "社区")) for r in rows if r["level"] == "township")
    assert village_like < 0.01 * counts["township"]


def test_parent_levels_are_higher(div):
    rank = {lvl: i for i, lvl in enumerate(LEVELS)}
    for d in div.by_id.values():
        p = div.parent(d)
        if p is not None:
            assert rank[p.level] < rank[d.level]


def test_division_is_frozen():
    d = Division("110000", "北京市", "province", None, ("北京",))
    with pytest.raises(Exception):
        d.name = "x"  # type: ignore[misc]
    assert d.code == "110000"


def test_load_is_cached_and_fast():
    load_divisions.cache_clear()
    start = time.perf_counter()
    first = load_divisions()
    assert time.perf_counter() - start < 1.5  # target ~0.2 s; slack for slow CI
    assert load_divisions() is first


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_divisions", REPO / "scripts" / "build_divisions.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_build_script_on_small_tree(tmp_path):
    tree = "\r\n".join([
        "某某市\t900000\t某某",
        "\t某某市\t900000\t某某",
        "\t\t甲区\t900101\t甲",        # one-character alias: dropped
        "\t\t\t甲区乙丙街道",          # county-name prefix is stripped
        "\t\t\t\t乙村",                 # village: skipped
        "某省\t910000\t某省",
        "\t省直辖行政区划\t919000\t省直辖",
        "\t\t丁丁市\t919001\t丁丁",
        "\t戊戊己己自治州\t912300\t戊戊己己",
        "\t\t庚庚土家族自治县\t912321\t庚庚",
        "\t\t\t辛辛镇",
    ]) + "\r\n"
    src = tmp_path / "china_location.zip"
    with zipfile.ZipFile(src, "w") as zf:
        zf.writestr("china_location.txt", tree)
    mod = _load_build_script()
    rows = {r[0]: r for r in mod.build(mod.read_lines(src))}
    assert set(rows) == {"900000", "900101", "900101-乙丙街道", "910000", "919001",
                         "912300", "912321", "912321-辛辛镇"}
    assert rows["900101"] == ("900101", "甲区", "county", "900000", "")
    assert rows["919001"][3] == "910000"
    assert rows["910000"][4] == ""
    assert rows["912300"][4] == "戊戊己己;戊戊己己州"
    assert rows["912321"][4] == "庚庚;庚庚县"
    assert rows["912321-辛辛镇"] == ("912321-辛辛镇", "辛辛镇", "township", "912321", "")
