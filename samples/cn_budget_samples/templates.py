"""Kinds of department (科协, 教育, 财政, …): what each does, how big it is, which budget lines and
activities it has. A template plus a region makes a department (see `departments.py`).

All wording here is written for this corpus; figures only follow the shapes of real disclosures.
"""

from __future__ import annotations

from dataclasses import dataclass

Indicator = tuple[str, str, str, str, str]  # 指标, 优, 良, 中, 差


@dataclass(frozen=True)
class ActivityTemplate:
    """A 职责活动 of the performance-goals table; `weight` shares the project budget."""

    name: str
    weight: int
    description: str
    goal: str
    indicators: tuple[Indicator, ...] = ()
    children: tuple[ActivityTemplate, ...] = ()


@dataclass(frozen=True)
class DepartmentTemplate:
    """One kind of department. Money is in 万元 for a prefecture-level department in 2014."""

    type_key: str  # ASCII slug used in file names
    department_type: str  # as in data/reference/department_types.csv
    suffixes: tuple[tuple[int, str], ...]  # (first publication year, name after the region)
    nature: str
    rank: str
    duties: tuple[str, ...]
    offices: tuple[str, ...]
    staff: int
    personnel: str
    public_operating: str
    project: str
    basic_line: str  # the 行政运行 / 机构运行 line
    institution: bool  # 事业单位 (health insurance line 事业单位医疗)
    project_lines: tuple[tuple[str, int, int], ...]  # (code, weight, first year)
    fund_line: str | None
    fund_share: int  # percent of project spending paid from 政府性基金
    vehicles_before: int
    vehicles_after: int
    vehicle_operation: str
    reception: str
    activities: tuple[ActivityTemplate, ...]
    project_purpose: str  # '主要用于…' of 项目支出


_SAT = ("满意度", "≥95%", "≥90%", "≥85%", "＜85%")

KEXIE = DepartmentTemplate(
    type_key="kexie",
    department_type="科协",
    suffixes=((0, "科学技术协会"),),
    nature="参照公务员法管理事业单位",
    rank="正处级",
    duties=(
        "组织全市科技工作者开展学术交流和科技咨询，推动学科交叉融合与知识更新。",
        "面向公众普及科学知识，传播科学方法和科学精神，组织青少年科技教育和竞赛活动。",
        "反映科技工作者的诉求，维护其合法权益，建设科技工作者之家。",
        "组织科技人员参与决策咨询和技术服务，推动科研成果在本地转化应用。",
        "推荐和表彰优秀科技人才，开展科技人员继续教育。",
        "指导所属学会、协会和基层科协组织建设。",
        "完成市委、市政府交办的其他工作。",
    ),
    offices=("办公室", "学会学术部", "科学普及部"),
    staff=16,
    personnel="140.00",
    public_operating="44.60",
    project="230.00",
    basic_line="2060701",
    institution=True,
    project_lines=(("2060702", 0, 0), ("2060703", 8, 2015), ("2060704", 12, 0), ("2060799", 0, 0)),
    fund_line=None,
    fund_share=0,
    vehicles_before=5,
    vehicles_after=1,
    vehicle_operation="23.80",
    reception="2.50",
    activities=(
        ActivityTemplate(
            "科学技术普及",
            30,
            "落实全民科学素质行动，建设科普阵地，组织面向重点人群的科普活动。",
            "公众参与科普活动的人次和覆盖面稳步提高。",
            (),
            (
                ActivityTemplate(
                    "开展科普活动",
                    40,
                    "组织科普日、科技活动周和科技下乡等群众性科普活动。",
                    "活动覆盖城乡重点人群。",
                    (
                        ("科普活动举办场次", "≥40", "≥30", "≥20", "＜20"),
                        ("群众参与人次(万)", "≥8", "≥6", "≥4", "＜4"),
                    ),
                ),
                ActivityTemplate(
                    "科普设施体系建设",
                    35,
                    "建设和维护社区科普宣传栏、科普e站和流动科普设施。",
                    "科普设施完好率和使用率提高。",
                    (("科普设施完好率", "≥98%", "≥95%", "≥90%", "＜90%"),),
                ),
                ActivityTemplate(
                    "科普能力建设",
                    25,
                    "培训科普志愿者和基层科普骨干，开发科普资源。",
                    "基层科普队伍能力增强。",
                    (("培训科普骨干人数", "≥300", "≥200", "≥100", "＜100"),),
                ),
            ),
        ),
        ActivityTemplate(
            "促进学术发展",
            12,
            "支持市级学会开展学术年会和专题研讨。",
            "学会服务能力和学术交流质量提升。",
            (),
            (
                ActivityTemplate(
                    "学会能力提升",
                    40,
                    "指导学会规范运行，开展学会评估。",
                    "学会规范化运行比例提高。",
                    (("规范运行学会占比", "≥90%", "≥80%", "≥70%", "＜70%"),),
                ),
                ActivityTemplate(
                    "学术交流合作",
                    60,
                    "举办学术年会、专题论坛和京津冀学术交流活动。",
                    "形成一批有价值的学术成果和决策建议。",
                    (("举办学术交流活动次数", "≥6", "≥4", "≥2", "＜2"),),
                ),
            ),
        ),
        ActivityTemplate(
            "助力创新驱动发展",
            10,
            "组织专家服务企业，推动产学研合作。",
            "为企业解决技术难题，促进成果转化。",
            (("服务企业数量", "≥30", "≥20", "≥10", "＜10"), _SAT),
        ),
        ActivityTemplate(
            "政务管理",
            48,
            "保障机关综合业务和事务管理。",
            "机关运转顺畅，各项工作按期完成。",
            (("工作任务完成率", "100%", "≥95%", "≥90%", "＜90%"),),
        ),
    ),
    project_purpose="开展科普活动、建设科普设施、提升科普能力和支持学术交流",
)

EDUCATION = DepartmentTemplate(
    type_key="jiaoyu",
    department_type="教育",
    suffixes=((0, "教育局"),),
    nature="行政单位",
    rank="正处级",
    duties=(
        "贯彻国家和省教育方针政策，拟订全市教育发展规划并组织实施。",
        "统筹管理全市基础教育、职业教育和成人教育，推进教育公平。",
        "负责直属学校经费和教育专项资金的管理，监督教育经费使用。",
        "组织教师队伍建设和继续教育，指导学校德育、体育、卫生和艺术教育。",
        "承担学生资助和青少年科技教育的组织协调工作。",
    ),
    offices=("办公室", "计划财务科", "基础教育科", "职业与成人教育科", "人事科", "督导室"),
    staff=62,
    personnel="720.00",
    public_operating="160.00",
    project="2400.00",
    basic_line="2050101",
    institution=False,
    project_lines=(("2050199", 300, 0), ("2050204", 450, 0), ("2050803", 100, 0), ("2060703", 5, 2016)),
    fund_line=None,
    fund_share=0,
    vehicles_before=8,
    vehicles_after=3,
    vehicle_operation="38.00",
    reception="6.20",
    activities=(
        ActivityTemplate(
            "基础教育发展",
            55,
            "支持直属高中改善办学条件，落实学生资助政策。",
            "办学条件达标，资助政策应助尽助。",
            (("资助政策落实率", "100%", "≥98%", "≥95%", "＜95%"),),
            (
                ActivityTemplate(
                    "办学条件改善",
                    70,
                    "维修校舍、更新教学设备。",
                    "校舍安全达标。",
                    (("项目按期完工率", "100%", "≥95%", "≥90%", "＜90%"),),
                ),
                ActivityTemplate(
                    "学生资助",
                    30,
                    "发放普通高中国家助学金。",
                    "符合条件学生全部受助。",
                    (("资助对象覆盖率", "100%", "≥98%", "≥95%", "＜95%"),),
                ),
            ),
        ),
        ActivityTemplate(
            "教师队伍建设",
            15,
            "组织教师全员培训和骨干教师研修。",
            "教师专业能力提升。",
            (("参训教师人次", "≥3000", "≥2500", "≥2000", "＜2000"),),
        ),
        ActivityTemplate(
            "教育综合管理",
            30,
            "开展教育督导、招生考试和信息化管理。",
            "教育管理规范高效。",
            (("工作任务完成率", "100%", "≥95%", "≥90%", "＜90%"), _SAT),
        ),
    ),
    project_purpose="改善直属学校办学条件、开展教师培训和落实学生资助",
)

FINANCE = DepartmentTemplate(
    type_key="caizheng",
    department_type="财政",
    suffixes=((0, "财政局"),),
    nature="行政单位",
    rank="正处级",
    duties=(
        "拟订全市财政发展规划和财税政策，组织编制市级预算草案和决算草案。",
        "负责市级国库集中收付和政府采购监督管理。",
        "管理市级行政事业单位国有资产，监督财政资金使用。",
        "推进预算绩效管理和财政信息公开。",
        "管理政府债务，防范财政风险。",
    ),
    offices=("办公室", "预算科", "国库科", "综合科", "行政政法科", "教科文科", "绩效管理科"),
    staff=95,
    personnel="1100.00",
    public_operating="260.00",
    project="800.00",
    basic_line="2010601",
    institution=False,
    project_lines=(("2010602", 40, 0), ("2010607", 30, 0), ("2010608", 30, 0)),
    fund_line=None,
    fund_share=0,
    vehicles_before=10,
    vehicles_after=4,
    vehicle_operation="52.00",
    reception="8.40",
    activities=(
        ActivityTemplate(
            "预算管理",
            40,
            "组织市级部门预算编制、审核和批复。",
            "预算编制及时准确。",
            (("预算按时批复率", "100%", "≥98%", "≥95%", "＜95%"),),
            (
                ActivityTemplate(
                    "预算编审",
                    60,
                    "组织部门预算编审和评审。",
                    "预算安排科学合理。",
                    (("评审项目覆盖率", "≥90%", "≥80%", "≥70%", "＜70%"),),
                ),
                ActivityTemplate(
                    "绩效管理",
                    40,
                    "组织重点项目绩效评价。",
                    "评价结果应用于预算安排。",
                    (("重点项目评价数量", "≥30", "≥20", "≥10", "＜10"),),
                ),
            ),
        ),
        ActivityTemplate(
            "财政信息化建设",
            30,
            "维护财政业务一体化系统和网络安全。",
            "系统稳定运行。",
            (("系统正常运行率", "≥99%", "≥97%", "≥95%", "＜95%"),),
        ),
        ActivityTemplate(
            "财政委托业务",
            30,
            "委托第三方开展投资评审和财务检查。",
            "评审结论准确，节约财政资金。",
            (("评审审减率", "≥8%", "≥6%", "≥4%", "＜4%"),),
        ),
    ),
    project_purpose="财政信息化建设、预算绩效管理和财政委托业务",
)

HEALTH = DepartmentTemplate(
    type_key="weijian",
    department_type="卫生健康",
    suffixes=((0, "卫生和计划生育委员会"), (2019, "卫生健康委员会")),
    nature="行政单位",
    rank="正处级",
    duties=(
        "组织拟订全市卫生健康事业发展规划，统筹医疗卫生资源配置。",
        "组织实施基本公共卫生服务和重大公共卫生项目，负责疾病预防控制。",
        "推进医药卫生体制改革，监督管理医疗机构和医疗服务。",
        "负责人口监测和家庭发展工作，落实计划生育奖励扶助政策。",
        "组织开展健康教育和健康科普。",
    ),
    offices=("办公室", "规划财务科", "医政医管科", "疾病预防控制科", "基层卫生科", "人口家庭科"),
    staff=72,
    personnel="850.00",
    public_operating="200.00",
    project="3200.00",
    basic_line="2100101",
    institution=False,
    project_lines=(("2100199", 150, 0), ("2100408", 550, 0), ("2100717", 300, 0), ("2060702", 3, 2017)),
    fund_line=None,
    fund_share=0,
    vehicles_before=9,
    vehicles_after=4,
    vehicle_operation="44.00",
    reception="7.10",
    activities=(
        ActivityTemplate(
            "公共卫生服务",
            55,
            "落实基本公共卫生服务项目，开展重点传染病防控。",
            "基本公共卫生服务项目全面落实。",
            (("居民健康档案建档率", "≥90%", "≥85%", "≥80%", "＜80%"),),
            (
                ActivityTemplate(
                    "基本公共卫生服务",
                    80,
                    "按人均标准补助基层医疗卫生机构。",
                    "服务项目覆盖城乡居民。",
                    (("项目覆盖率", "100%", "≥95%", "≥90%", "＜90%"),),
                ),
                ActivityTemplate(
                    "健康教育与科普",
                    20,
                    "开展健康素养促进和健康科普进社区。",
                    "居民健康素养水平提高。",
                    (("健康科普讲座场次", "≥60", "≥40", "≥20", "＜20"),),
                ),
            ),
        ),
        ActivityTemplate(
            "计划生育服务",
            30,
            "落实计划生育家庭奖励扶助和特别扶助。",
            "扶助资金足额按时发放。",
            (("资金发放到位率", "100%", "≥98%", "≥95%", "＜95%"),),
        ),
        ActivityTemplate(
            "卫生健康综合管理",
            15,
            "开展医疗机构监管和卫生应急管理。",
            "监管到位，应急处置及时。",
            (("监督检查覆盖率", "≥95%", "≥90%", "≥85%", "＜85%"),),
        ),
    ),
    project_purpose="基本公共卫生服务、计划生育扶助和健康科普",
)

AUDIT = DepartmentTemplate(
    type_key="shenji",
    department_type="审计",
    suffixes=((0, "审计局"),),
    nature="行政单位",
    rank="正处级",
    duties=(
        "主管全市审计工作，拟订审计项目计划并组织实施。",
        "对市级预算执行、决算草案和其他财政收支情况进行审计监督。",
        "对国有企业、政府投资项目和重点专项资金进行审计。",
        "组织领导干部经济责任审计和自然资源资产离任审计。",
        "指导和监督内部审计工作。",
    ),
    offices=("办公室", "法规审理科", "财政审计科", "经济责任审计科", "固定资产投资审计科"),
    staff=42,
    personnel="480.00",
    public_operating="110.00",
    project="150.00",
    basic_line="2010801",
    institution=False,
    project_lines=(("2010804", 70, 0), ("2010899", 30, 0)),
    fund_line=None,
    fund_share=0,
    vehicles_before=6,
    vehicles_after=1,
    vehicle_operation="30.00",
    reception="3.60",
    activities=(
        ActivityTemplate(
            "审计监督",
            70,
            "实施年度审计项目计划，开展预算执行和专项资金审计。",
            "审计计划全面完成，问题整改到位。",
            (
                ("审计项目完成率", "100%", "≥95%", "≥90%", "＜90%"),
                ("问题整改率", "≥95%", "≥90%", "≥85%", "＜85%"),
            ),
        ),
        ActivityTemplate(
            "审计能力建设",
            30,
            "开展审计业务培训和审计信息化建设。",
            "审计人员能力提升。",
            (("培训人次", "≥120", "≥90", "≥60", "＜60"),),
        ),
    ),
    project_purpose="审计业务和审计信息化建设",
)

CIVIL = DepartmentTemplate(
    type_key="minzheng",
    department_type="民政",
    suffixes=((0, "民政局"),),
    nature="行政单位",
    rank="正处级",
    duties=(
        "拟订全市民政事业发展规划，组织实施社会救助和社会福利政策。",
        "负责城乡最低生活保障、特困人员供养和临时救助工作。",
        "推进养老服务体系建设，管理福利彩票公益金的使用。",
        "负责社会组织登记管理和婚姻登记、殡葬管理工作。",
        "指导城乡社区建设和基层群众自治。",
    ),
    offices=("办公室", "社会救助科", "养老服务科", "社会组织管理科", "基层政权和社区建设科"),
    staff=52,
    personnel="600.00",
    public_operating="140.00",
    project="1500.00",
    basic_line="2080201",
    institution=False,
    project_lines=(("2080299", 25, 0), ("2081002", 35, 0), ("2082001", 40, 0)),
    fund_line="2296002",
    fund_share=20,
    vehicles_before=7,
    vehicles_after=3,
    vehicle_operation="36.00",
    reception="4.80",
    activities=(
        ActivityTemplate(
            "社会救助",
            45,
            "落实临时救助和困难群众基本生活保障。",
            "困难群众应保尽保、应救尽救。",
            (("救助资金发放及时率", "100%", "≥98%", "≥95%", "＜95%"),),
            (
                ActivityTemplate(
                    "临时救助",
                    60,
                    "对遭遇突发困难的家庭给予临时救助。",
                    "救助及时。",
                    (("救助人次", "≥3000", "≥2000", "≥1000", "＜1000"),),
                ),
                ActivityTemplate(
                    "困难群众保障",
                    40,
                    "补助特困人员供养和低保对象。",
                    "保障标准按时调整。",
                    (("保障对象覆盖率", "100%", "≥98%", "≥95%", "＜95%"),),
                ),
            ),
        ),
        ActivityTemplate(
            "养老服务体系建设",
            35,
            "支持社区居家养老服务设施和养老机构建设。",
            "养老服务供给增加。",
            (("新增养老床位", "≥500", "≥300", "≥200", "＜200"),),
        ),
        ActivityTemplate(
            "民政综合事务",
            20,
            "开展社会组织管理、婚姻登记和殡葬管理。",
            "服务规范便民。",
            (_SAT,),
        ),
    ),
    project_purpose="临时救助、养老服务体系建设和民政综合事务",
)


def _simple(
    type_key: str,
    department_type: str,
    suffix: str,
    basic_line: str,
    project_lines: tuple[tuple[str, int, int], ...],
    activity: str,
    purpose: str,
    duty: str,
) -> DepartmentTemplate:
    """A small department for the benchmark's larger corpora: one activity, a few lines."""
    return DepartmentTemplate(
        type_key=type_key,
        department_type=department_type,
        suffixes=((0, suffix),),
        nature="行政单位",
        rank="正科级",
        duties=(duty, "完成本级党委、政府交办的其他事项。"),
        offices=("办公室", "业务科"),
        staff=18,
        personnel="200.00",
        public_operating="50.00",
        project="120.00",
        basic_line=basic_line,
        institution=False,
        project_lines=project_lines,
        fund_line=None,
        fund_share=0,
        vehicles_before=3,
        vehicles_after=1,
        vehicle_operation="12.00",
        reception="1.80",
        activities=(
            ActivityTemplate(
                activity,
                100,
                purpose,
                "年度任务按期完成。",
                (("任务完成率", "100%", "≥95%", "≥90%", "＜90%"),),
            ),
        ),
        project_purpose=purpose,
    )


STATISTICS = _simple(
    "tongji",
    "统计",
    "统计局",
    "2010501",
    (("2010507", 100, 0),),
    "统计调查",
    "开展统计调查和专项普查",
    "组织实施统计调查，发布统计数据。",
)
JUSTICE = _simple(
    "sifa",
    "司法",
    "司法局",
    "2040601",
    (("2040604", 100, 0),),
    "法治宣传与法律援助",
    "开展普法宣传和法律援助",
    "负责普法宣传、人民调解和法律援助工作。",
)
ARCHIVES = _simple(
    "dangan",
    "档案",
    "档案馆",
    "2012601",
    (("2012604", 100, 0),),
    "档案保管利用",
    "档案数字化和馆藏保护",
    "收集、保管和提供利用本级档案。",
)
WOMEN = _simple(
    "fulian",
    "群团",
    "妇女联合会",
    "2012901",
    (("2012999", 100, 0),),
    "妇女儿童关爱",
    "开展妇女儿童关爱和家庭教育活动",
    "维护妇女儿童合法权益，组织妇女参与经济社会发展。",
)

CORE_TEMPLATES: tuple[DepartmentTemplate, ...] = (KEXIE, EDUCATION, FINANCE, HEALTH, AUDIT, CIVIL)
ALL_TEMPLATES: tuple[DepartmentTemplate, ...] = (*CORE_TEMPLATES, STATISTICS, JUSTICE, ARCHIVES, WOMEN)
