"""Document metadata from all the evidence: each case shows the text a document holds and the fields
it must give, with where each came from."""

from __future__ import annotations

import pytest

from analytics.extract.metadata import extract_metadata
from analytics.model import Document, Evidence, Metadata, Paragraph, Table


def document(*blocks: str | Table, path: str = "corpus/page.txt", script: str = "simplified") -> Document:
    doc = Document(
        source_path=path,
        format="pdf" if path.endswith(".pdf") else "text",
        sha256="0" * 64,
        blocks=[Paragraph(b) if isinstance(b, str) else b for b in blocks],
    )
    doc.script = "traditional" if script == "traditional" else "simplified"
    return doc


def meta(*blocks: str | Table, path: str = "corpus/page.txt", script: str = "simplified") -> Metadata:
    return extract_metadata(document(*blocks, path=path, script=script))


# --- year ----------------------------------------------------------------------------------------


def test_a_year_split_from_its_nian_by_a_line_break_counts() -> None:
    m = meta("一、“三公”经费情况", "2021", "年本部门一般公共预算“三公”经费预算支出12.5万元。")
    assert m.year == 2021
    assert m.evidence["year"].source == "body"


def test_the_year_is_the_fiscal_year_not_the_publication_date() -> None:
    m = meta(
        "发布日期:2021-06-30",
        "某县林业局决算公开",
        "现将本局2020年度部门决算公开如下:",
        "某县林业局",
        "2021年6月28日",
    )
    assert m.year == 2020


def test_a_comparison_base_is_not_the_year() -> None:
    # a mid-document page: the prior year is named more often than the year reported on
    m = meta(
        "较2018年度决算数增加3.00万元,主要原因是人员增加。",
        "较2018年度决算数减少1.20万元。",
        "(二)本单位2019年度总支出88.10万元。",
    )
    assert m.year == 2019


def test_dates_and_ranges_are_no_years() -> None:
    m = meta("2017年3月起实行公车改革,按2016-2020年规划执行。", "2018年一般公共预算“三公”经费预算5万元。")
    assert m.year == 2018


def test_a_year_only_in_the_file_name() -> None:
    m = meta("一、收支预算总表", "单位:万元", path="docs/某县文化馆2022预算公开.pdf")
    assert (m.year, m.kind) == (2022, "budget")
    assert m.evidence["year"].source == "file name"


def test_the_title_year_outweighs_body_years() -> None:
    m = meta("某区统计局2016年部门预算", "2015年预算数20万元,2015年执行数18万元,2015年决算数18万元。")
    assert m.year == 2016
    assert m.evidence["year"].source == "title"


# --- kind ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, kind",
    [
        ("2019年度一般公共预算财政拨款“三公”经费支出决算表", "final"),  # 预算 of 一般公共预算 says nothing
        ("某镇2020年度部门预算公开", "budget"),
        ("某局2018年度部门预决算公开目录", None),  # 预决算 names both
        ("关于某市民政局2021年度“三公”经费决算情况的说明", "final"),
    ],
)
def test_the_kind_a_title_says(title: str, kind: str | None) -> None:
    assert meta(title, "正文。").kind == kind


def test_a_titled_page_of_final_accounts_carrying_next_years_budget_is_the_titles() -> None:
    # the convention of ../shared/real (a news item of 2011 final accounts that also gives the 2012
    # budget is labelled 2011, final; the 2012 figures carry their own year and kind)
    m = meta(
        "某部2015年三公经费决算1200万元",
        "某部今日公布2015年度部门决算,2015年“三公”经费财政拨款决算数1200万元。",
        "某部2016年“三公”经费财政拨款预算数1300万元,其中公务接待费预算200万元。",
        "2016年安排公务用车运行费预算300万元。",
    )
    assert (m.year, m.kind) == (2015, "final")
    assert m.evidence["year"].source == m.evidence["kind"].source == "title"


def test_final_accounts_quoting_their_budget_are_final() -> None:
    m = meta(
        "(一)“三公”经费支出情况",
        "2020年“三公”经费支出决算为4.1万元,完成预算的82%,年初预算5万元,比预算减少0.9万元。",
        "较2019年度决算数减少0.4万元。",
    )
    assert m.kind == "final"


def test_a_budget_that_compares_with_last_years_budget_is_a_budget() -> None:
    m = meta("2021年“三公”经费预算数为6万元,比2020年预算减少1万元。", "一般公共预算拨款收入120万元。")
    assert m.kind == "budget"


def test_with_no_kind_word_spending_hints_at_final_accounts() -> None:
    m = meta("我单位2016年三公经费开支8.2万元,其中公务接待费2.2万元。")
    assert m.kind == "final"
    assert m.evidence["kind"].source == "body"


# --- department -----------------------------------------------------------------------------------


def test_the_name_in_a_page_header_label() -> None:
    m = meta("收支预算总表", "部门:中国共产党河北省委员会办公厅单位:万元", path="tables/2020.pdf")
    assert m.department == "中共河北省委办公厅"
    assert m.department_printed == "中国共产党河北省委员会办公厅"
    assert (m.region, m.region_code) == ("河北省", "130000")
    assert m.evidence["department"].source == "header"


def test_the_signature_names_a_department_the_body_calls_we() -> None:
    m = meta(
        "现将我厅2019年“三公”经费预算说明如下:",
        "2019年预算安排公务接待费8万元。",
        "湖北省统计局",
        "2019年2月20日",
    )
    assert m.department == "湖北省统计局"
    assert m.evidence["department"].source == "signature"


@pytest.mark.parametrize(
    "line",
    [
        "2019年我局的办公费、印刷费、水电费“三公”经费预算12万元。",  # a fragment, not a name
        "现将二、三门县公安局2019年度决算公开如下:",  # a list, not a name
    ],
)
def test_fragments_and_pronouns_are_no_names(line: str) -> None:
    m = meta(line)
    assert m.department_printed is None or "、" not in m.department_printed
    assert m.department_printed not in ("我局的办公费", "二、三门县公安局")


def test_the_fullest_name_the_document_gives_is_canonical() -> None:
    m = meta(
        "鹿寨县农科局2018年部门预算“三公”经费情况说明",
        "表8 2018年一般公共预算安排的“三公”经费预算表",
        "单位名称:鹿寨县农业和科技局单位:万元",
    )
    # the title's short name is printed; the caption's full one is canonical
    assert (m.department_printed, m.department) == ("鹿寨县农科局", "鹿寨县农业和科技局")
    assert m.evidence["department"].source == "title"
    assert m.evidence["department_full"].source == "header"


def test_a_short_title_name_completed_by_the_publisher_label() -> None:
    m = meta(
        "发文机构: 鹿寨县人民政府办公室 发文日期: 2023-04-01",
        "鹿寨县政府办2023年“三公”经费预算情况说明",
        "2023年“三公”经费预算5万元。",
    )
    assert m.department_printed == "鹿寨县政府办"
    assert m.department == "鹿寨县人民政府办公室"
    assert m.names_in_text == ("鹿寨县政府办", "鹿寨县人民政府办公室")
    assert m.evidence["department_full"].source == "header"


def test_a_publisher_that_is_another_organ_does_not_replace_the_title() -> None:
    m = meta("发布机构 | 鹿寨县人民政府 | 有效性 | 有效 |", "鹿寨县城南街2016年“三公”经费预算情况说明")
    assert m.department == "鹿寨县城南街"


def test_a_name_after_a_leading_year() -> None:
    m = meta("2017年区档案局财政拨款“三公”经费预算表", "单位:万元")
    assert m.department_printed == "区档案局"


def test_a_place_name_cited_as_the_source_of_a_rule_is_not_the_department() -> None:
    m = meta(
        "根据梧州市财政局关于预算公开的通知,经汇总,",
        "2020年度全年使用财政拨款安排梧州市动物疫病预防控制中心出国团组0个。",
    )
    assert m.department == "梧州市动物疫病预防控制中心"


@pytest.mark.parametrize(
    "title, canonical",
    [
        ("国办2014年“三公”经费决算说明", "国务院办公厅"),
        ("科技部2012年“三公”经费预算", "科学技术部"),
        ("国资委今年“三公”经费预算2800万元", "国务院国资委"),
    ],
)
def test_central_abbreviations(title: str, canonical: str) -> None:
    m = meta(title, "据报道,相关部门今天公布了预算。")
    assert m.department == canonical
    assert m.region is None


def test_a_news_item_names_the_department_that_published() -> None:
    m = meta("中新网4月20日电 据报道,", "民政部今天公布2015年“三公”经费预算1300万元。")
    assert m.department == "民政部"
    assert m.kind == "budget"


# --- region -------------------------------------------------------------------------------------


def test_the_region_as_the_document_names_it_with_its_code() -> None:
    m = meta("红河州民族宗教事务局2019年“三公”经费预算情况说明")
    assert m.region == "红河州"  # as printed; the division is 红河哈尼族彝族自治州
    assert (m.region_code, m.province) == ("532500", "云南省")


def test_a_functional_zone_is_the_region_where_no_division_is() -> None:
    m = meta("黄山风景区园林局2019年度部门决算")
    assert m.region == "黄山风景区"
    assert m.region_code is None


def test_a_place_before_the_year_names_the_region() -> None:
    m = meta("沅陵县2016年度水利局“三公”经费决算情况表")
    assert (m.department_printed, m.department, m.region) == ("水利局", "沅陵县水利局", "沅陵县")


def test_a_traditional_document_gets_printed_names_in_its_script() -> None:
    m = meta("郴州市第一人民医院2018年度部门决算", script="traditional")
    assert m.department == "郴州市第一人民医院"  # canonical, simplified
    assert m.department_printed == "郴州市第一人民醫院"
    assert m.region == "郴州市"
    assert m.names_in_text == ("郴州市第一人民医院",)  # as the converted text has it, for the extractor


def test_a_central_department_takes_no_region_from_a_city_it_mentions() -> None:
    m = meta("审计署2016年“三公”经费预算", "审计署18日在北京公布2016年部门预算。")
    assert m.department == "审计署"
    assert m.region is None


def test_the_evidence_names_source_and_text() -> None:
    m = meta("某市林业局2019年部门预算公开", "本局2019年部门预算如下。", path="corpus/2019/page.txt")
    assert m.department_printed == "某市林业局"
    assert m.evidence["department"] == Evidence("某市林业局", "title", "某市林业局2019年部门预算公开")
    assert m.evidence["year"] == Evidence("2019", "title", "某市林业局2019年部门预算公开")
    assert m.evidence["kind"].source == "title"


def test_site_banners_before_the_title_are_no_title() -> None:
    m = meta(
        "欢迎访问平乐县人民医院",
        "服务热线:0773-0000000",
        "二级甲等综合医院",
        "2022年度平乐县人民医院单位决算",
        "来源:平乐县人民医院 发布时间:2023-09-01 10:00:00",
        "第一部分 单位概况",
    )
    assert m.title == "2022年度平乐县人民医院单位决算"
    assert (m.department, m.year, m.kind) == ("平乐县人民医院", 2022, "final")


def test_a_name_on_its_own_line_beats_a_short_headline() -> None:
    m = meta(
        "区人大2019年决算公开", "来源:某网 | 发布日期:2020-08-01", "柳州市柳南区人大常委会", "2019年部门决算"
    )
    assert m.department_printed == "柳州市柳南区人大常委会"


def test_labels_parted_by_spaces_in_a_page_metadata_block() -> None:
    m = meta(
        "索 引 号 000000/2022-00001 文 号 生成日期 2022-09-01",
        "发布机构 金凤区满城北街街道办事处 责任部门 金凤区满城北街街道办事处",
        "2021年度满城北街街道办事处部门决算公开",
    )
    assert (m.department_printed, m.department, m.region) == (
        "满城北街街道办事处",
        "金凤区满城北街街道办事处",
        "金凤区",
    )


def test_comparisons_with_the_years_own_budget_say_final_accounts() -> None:
    m = meta(
        "二、“三公”经费支出与年初预算对比情况",
        "2019年度本部门一般公共预算财政拨款“三公”经费支出3.1万元,年初预算为4万元。",
    )
    assert m.kind == "final"


def test_a_place_the_text_cites_is_not_its_region() -> None:
    m = meta(
        "教育局2019年部门预算",
        "根据广西壮族自治区财政厅《关于做好预算公开工作的通知》要求,现将本局2019年部门预算公开如下。",
    )
    assert (m.department, m.region) == ("教育局", None)


def test_a_publisher_label_names_the_region_of_a_department_without_a_place() -> None:
    m = meta("发布机构:宣州区人民政府", "区审计局2019年部门预算公开")
    assert (m.department, m.region) == ("宣州区审计局", "宣州区")


def test_a_news_title_names_the_department_before_what_it_published() -> None:
    m = meta("中国气象局公布2015年“三公”经费预算", "比上年减少5%。")
    assert (m.department, m.year, m.kind) == ("中国气象局", 2015, "budget")


def test_a_page_that_begins_mid_sentence_has_no_title() -> None:
    # a budget's later page: its first line is the end of a sentence that names last year's 决算
    m = meta(
        "—6—",
        "支出较2019年决算数增加0.5万元,主要原因是",
        "人员增加。",
        "2020年一般公共预算“三公”经费预算5万元,比上年预算减少1万元。",
    )
    assert m.title is None
    assert (m.year, m.kind) == (2020, "budget")
    assert m.evidence["kind"].text.startswith("2020年一般公共预算“三公”经费预算")


def test_the_overview_section_names_the_department() -> None:
    m = meta(
        "目录",
        "第一部分长岭镇人民政府单位概况",
        "第二部分2020年度部门决算表",
        "一、收入支出决算总表",
    )
    assert (m.department, m.year, m.kind) == ("长岭镇人民政府", 2020, "final")
    assert m.evidence["department"].text == "第一部分长岭镇人民政府单位概况"


def test_a_table_of_contents_entry_for_the_departments_own_tables() -> None:
    m = meta("目录", "三、2021年部门决算公开表", "(一)平陆县林业局汇总", "1、收入支出决算总表")
    assert m.department == "平陆县林业局"


def test_units_listed_below_the_department_are_not_it() -> None:
    m = meta("2019年部门决算收支情况说明", "二级单位:平陆县森林公安局、平陆县林业技术推广站。")
    assert m.department is None


# --- lead's additions after the merge ------------------------------------------------------------


def test_a_table_of_contents_run_together_is_no_name() -> None:
    m = meta(
        "2019年某县接待办公室部门决算目录第一部分某县接待办公室概况二、部门决算单位构成第二部分"
        "某县接待办公室2019年部门决算表",
        "一、收入支出决算总表",
    )
    assert m.department == "某县接待办公室"


def test_budget_columns_beside_final_columns_say_final_accounts() -> None:
    m = meta(
        "1、车辆运行维护费决算2.94万元,比上年减少0.07万元。",
        Table(rows=(("项目", "合计"), ("2015年度预算数", "5.23"), ("2015年度决算数", "6.94"))),
        "注:2015年度预算数为年初预算数,决算数为实际支出。",
    )
    assert m.kind == "final"


def test_a_budget_figure_said_only_as_yusuanshu_is_a_budget() -> None:
    m = meta("某部2014年“三公”经费预算数4891.27万元,比2013年预算执行数减少49.75万元。")
    assert m.kind == "budget"


def test_a_page_title_repeated_by_its_heading_is_said_once() -> None:
    m = meta(
        "某市科学技术协会2022年部门预算信息公开", "某市科学技术协会2022年部门预算信息公开", "一、部门职责"
    )
    assert m.title == "某市科学技术协会2022年部门预算信息公开"


def test_a_leading_verb_phrase_is_not_part_of_the_department() -> None:
    m = meta("按照上级要求,现将青石镇2021年度“三公”经费决算公开如下:", "青石镇2021年度“三公”经费支出5万元。")
    assert m.department == "青石镇"


def test_a_name_opening_with_its_county_without_xian_gets_no_second_prefix() -> None:
    # titled with the county's name short of its 县; the body spells it out
    m = meta(
        "遂川文学艺术界联合会",
        "遂川县文学艺术界联合会2020年度“三公”经费决算情况如下:",
        "2020年公务接待费1.5万元。",
    )
    assert m.department == "遂川县文学艺术界联合会"
    # the body does not spell it out: the title's name, never '遂川县遂川文学…'
    m = meta("遂川文学艺术界联合会", "遂川县2020年度“三公”经费决算情况如下:", "2020年公务接待费1.5万元。")
    assert m.department == "遂川文学艺术界联合会"


# --- a department named only at the end, or only as its own level ---------------------------------


def test_a_name_in_a_contact_footer_is_weak_evidence_of_the_department() -> None:
    m = meta(
        "一、2014年“三公”经费财政拨款支出决算表",
        "2014年“三公”经费财政拨款决算数为12.5万元,其中公务接待费4.5万元。",
        "联系方式:临川区水利局政务公开电子信箱:abc@example.org",
    )
    assert (m.department, m.region, m.region_code) == ("临川区水利局", "临川区", "361002")
    assert m.evidence["department"] == Evidence(
        "临川区水利局", "contact", "联系方式:临川区水利局政务公开电子信箱:abc@example.org"
    )


def test_a_name_before_a_contact_label_and_a_contact_person_who_is_no_name() -> None:
    m = meta(
        "2021年“三公”经费预算8万元。",
        "联系人:张局 联系电话:0791-0000000",
        "临川区审计局联系电话:0791-1111111",
    )
    assert m.department == "临川区审计局"
    assert m.evidence["department"].source == "contact"


def test_a_footer_with_only_a_telephone_number_names_nothing() -> None:
    m = meta("2021年“三公”经费决算4.5万元。", "(联系方式:023-00000000。)")
    assert m.department is None


def test_the_title_wins_over_a_contact_footer_that_names_another_organ() -> None:
    m = meta(
        "临川区林业局2019年部门预算公开",
        "2019年“三公”经费预算6万元。",
        "联系单位:临川区财政局 联系电话:0791-2222222",
    )
    assert m.department == "临川区林业局"
    assert m.evidence["department"].source == "title"


@pytest.mark.parametrize(
    "closing",
    [
        ["临川区档案馆 2021年1月"],  # the name beside a date without its day
        ["临川区档案馆", "二〇二一年一月十五日"],  # a date in Chinese numerals below the name
    ],
)
def test_a_dated_signature_line_names_the_department(closing: list[str]) -> None:
    m = meta("现将本馆2020年度“三公”经费决算公开如下:", "公务接待费0.8万元。", *closing)
    assert m.department == "临川区档案馆"
    assert m.evidence["department"].source == "signature"


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("本单位无二级预算单位,纳入2022年部门预算编制范围的为临川第一中学本级。", "临川第一中学"),
        ("本部门2020年部门决算包括临川区民政局机关本级和所属2个事业单位。", "临川区民政局"),
        ("2023年部门预算即临川区文化馆本级预算。", "临川区文化馆"),
        ("纳入编制范围的单位为含山县统计局本级。", "含山县统计局"),  # 含 of 含山县 is no lead word here
    ],
)
def test_a_sentence_about_the_departments_own_level_names_it(sentence: str, name: str) -> None:
    m = meta("一、部门预算单位构成", sentence, "二、收支总体情况")
    assert m.department == name
    assert (m.evidence["department"].source, m.evidence["department"].text) == ("body", sentence)


def test_a_governments_own_level_is_no_department() -> None:
    m = meta("2021年区本级“三公”经费预算4432万元。", "经比较2020年度镇本级“三公”经费41万元。")
    assert m.department is None


def test_a_department_said_to_have_units_below_it() -> None:
    m = meta("另外,临川区卫生健康委员会下属共有3个事业单位,2021年事业运行经费预算120万元。")
    assert m.department == "临川区卫生健康委员会"


# --- districts of a municipality named without it ------------------------------------------------


def test_a_district_of_a_municipality_without_the_municipality() -> None:
    m = meta("綦江区财政局2021年部门预算", "本局2021年部门预算公开如下。")
    assert (m.department, m.region, m.region_code, m.province) == (
        "綦江区财政局",
        "綦江区",
        "500110",
        "重庆市",
    )


def test_the_body_gives_the_municipality_before_the_titles_name() -> None:
    m = meta(
        "綦江区古南街道社区卫生服务中心2022年部门决算",
        "一、单位基本情况",
        "重庆市綦江区古南街道社区卫生服务中心是一所公益性医疗机构,承担基本医疗和公共卫生服务。",
    )
    # the fullest name the text gives is canonical; the title's is printed; the region is the district
    assert m.department == "重庆市綦江区古南街道社区卫生服务中心"
    assert m.department_printed == "綦江区古南街道社区卫生服务中心"
    assert (m.region, m.region_code) == ("綦江区", "500110")
    assert m.evidence["department_full"].source == "body"


def test_places_before_a_name_that_do_not_hold_its_own_are_not_its_fuller_name() -> None:
    m = meta("綦江区文化馆2022年部门预算", "成都市綦江区文化馆交流活动一次。")  # no 綦江区 in 成都市
    assert m.department == "綦江区文化馆"


@pytest.mark.parametrize(
    "body, department, code, province",
    [
        (
            "按照《重庆市预决算信息公开管理办法》要求,现将本局2021年部门预算公开如下。",
            "江北区审计局",
            "500105",
            "重庆市",
        ),
        ("宁波市江北区审计局2021年部门预算公开如下。", "宁波市江北区审计局", "330205", "浙江省"),
        ("本局2021年部门预算公开如下。", "江北区审计局", None, None),  # 重庆 or 宁波: the text does not say
    ],
)
def test_a_district_name_two_cities_have_is_read_with_the_rest_of_the_document(
    body: str, department: str, code: str | None, province: str | None
) -> None:
    m = meta("江北区审计局2021年部门预算", body)
    assert (m.department, m.department_printed) == (department, "江北区审计局")
    assert (m.region_code, m.province) == (code, province)


def test_a_district_name_opening_with_a_particle_is_still_a_name() -> None:
    # 和平区 is in 天津 and in 沈阳; its 和 is no particle here
    m = meta("和平区审计局2020年部门预算", "按照天津市财政局的要求,现将本局2020年部门预算公开如下。")
    assert (m.department, m.region, m.region_code) == ("和平区审计局", "和平区", "120101")


def test_a_county_a_municipality_made_a_district_later() -> None:
    m = meta("梁平县财政局2015年部门预算", "本局2015年部门预算公开如下。")
    # printed as the page has it; the code is the district's it became, so that a series connects
    assert (m.department, m.region, m.region_code, m.province) == (
        "梁平县财政局",
        "梁平县",
        "500155",
        "重庆市",
    )


def test_a_bulleted_page_metadata_list_with_an_empty_label() -> None:
    m = meta(
        "• 文章标题",
        "  • 重庆市南岸区水利局2020年度部门决算情况说明",
        "  • 发文字号",  # left empty: the next label is no value of it
        "  • 发布机构",
        "  • 南岸区水利局",
        "一、部门基本情况",
    )
    assert (m.department, m.department_printed) == ("重庆市南岸区水利局", "重庆市南岸区水利局")
    assert (m.year, m.kind, m.region_code) == (2020, "final", "500108")
    assert m.evidence["kind"] == Evidence("final", "header", "重庆市南岸区水利局2020年度部门决算情况说明")


# --- names a page gives in other shapes ----------------------------------------------------------


def test_a_template_place_before_a_full_party_organ_name() -> None:
    # a district's page template writes the district before each unit's own full name
    m = meta(
        "2016年“三公”经费财政拨款预算情况说明",
        "一、“三公”经费的单位范围",
        "黄陂区中国共产党武汉市黄陂区委员会宣传部因公出国(境)费、公务接待费开支单位包括局本级及下属1个事业单位。",
        "二、2016年部门财政拨款资金安排“三公”经费预算6.5万元。",
    )
    assert (m.department, m.department_printed) == (
        "中共武汉市黄陂区委宣传部",
        "中国共产党武汉市黄陂区委员会宣传部",
    )
    assert (m.region, m.region_code, m.year, m.kind) == ("黄陂区", "420116", 2016, "budget")


def test_the_run_before_a_lead_word_of_an_own_level_sentence_is_no_name() -> None:
    m = meta("因公出国(境)费、公务接待费、公务用车购置及运行维护费开支单位包括局本级及下属1个事业单位。")
    assert m.department is None


def test_a_source_label_names_a_unit_without_a_department_suffix() -> None:
    m = meta("临川区2018年度部门“三公”经费预算情况表", "来源:临川区创业园   2018-04-20 00:00", "单位:元")
    assert (m.department, m.region) == ("临川区创业园", "临川区")
    assert m.evidence["department"] == Evidence(
        "临川区创业园", "header", "来源:临川区创业园 2018-04-20 00:00"
    )


@pytest.mark.parametrize("source", ["临川区人民政府网", "临川日报", "临川区", "临川区融媒体"])
def test_a_source_label_naming_a_site_or_medium_is_no_department(source: str) -> None:
    assert meta("2018年度部门“三公”经费预算情况表", f"来源:{source}   2018-04-20").department is None


def test_a_name_followed_by_its_units_in_running_text() -> None:
    m = meta(
        "一、2018年“三公”经费预算总计12.5万元。",
        "2018年,抚州市审计局及所属单位开支财政拨款的公务用车保有量为3辆。",
    )
    assert (m.department, m.region) == ("抚州市审计局", "抚州市")


def test_a_bracketed_second_name_stays_in_the_printed_name() -> None:
    m = meta(
        "目 录",
        "第一部分 抚州市中医院(抚州市骨科医院)概况",
        "第二部分 抚州市中医院(抚州市骨科医院)2021年度部门决算表",
        script="traditional",
    )
    assert m.department == "抚州市中医院"
    assert m.department_printed == "撫州市中醫院(撫州市骨科醫院)"
    assert (m.year, m.kind) == (2021, "final")


def test_a_zone_with_its_organ_in_brackets() -> None:
    m = meta("东乡湖工业集中区(管委会)2024年", "一般公共预算“三公”经费预算", "“三公”经费合计")
    assert (m.department, m.department_printed) == ("东乡湖工业集中区管委会", "东乡湖工业集中区(管委会)")
    assert m.evidence["department"].source == "title"


def test_a_sector_department_named_in_the_title() -> None:
    m = meta("2019年度临川区教育部门“三公”经费决算情况说明", "教育部门2019年度“三公”经费支出决算12万元。")
    assert (m.department, m.region, m.year, m.kind) == ("临川区教育部门", "临川区", 2019, "final")


def test_an_office_abbreviated_with_ban_in_an_attachment_line() -> None:
    m = meta(
        "2018年政协机关“三公”经费预算数为12万元,与上年持平。",
        "附件:临川区政协办2018年部门“三公”经费支出预算表",
    )
    assert (m.department, m.department_printed) == ("临川区政协办", "临川区政协办")


@pytest.mark.parametrize(
    "text, kind",
    [
        # no kind word at all: the clause stating the year's amount says it
        ("2022年本部门财政拨款安排“三公”经费40万元,比上年减少2万元,主要原因是接待费支出减少。", "budget"),
        (
            "2018年度本部门财政拨款安排的“三公”经费支出2.05万元,较上年减少0.03万元,主要原因是计划压缩。",
            "final",
        ),
        ("2019年,本局计划支出公务接待费3万元,主要原因是减少开支。", "budget"),
    ],
)
def test_with_no_kind_word_the_clause_stating_the_years_amount(text: str, kind: str) -> None:
    m = meta(text)
    assert m.kind == kind
    assert m.evidence["kind"].source == "body"
