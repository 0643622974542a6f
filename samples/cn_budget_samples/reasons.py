"""The reasons documents give for a change (the words after 主要原因是/主要用于/主要为).

Reasons never contain figures, and are one clause each (no comma), so that a reader that ends a
reason at the next comma reads all of it. The vehicle reform's wording is fixed, so analyses can find it:
`REFORM` ('公车改革车辆减少') for vehicle costs and `ALLOWANCE` for the personnel costs that rise.
"""

from __future__ import annotations

from decimal import Decimal

REFORM = "公车改革车辆减少"
ALLOWANCE = "公车改革后按规定发放公务交通补贴使人员经费增加"


def basic(change: Decimal, reform: bool) -> str:
    if reform and change > 0:
        return ALLOWANCE
    return "人员工资正常调整和社会保障缴费基数提高" if change > 0 else "退休人员增加、在职人员经费相应减少"


def project(change: Decimal, purpose: str, outlier: bool = False) -> str:
    if outlier:
        return "年中追加新冠肺炎疫情期间困难群众临时救助资金"
    return f"{purpose}任务增加" if change > 0 else "部分一次性项目已完成"


def total(change: Decimal) -> str:
    return "人员经费和项目资金增加" if change > 0 else "项目资金减少"


def operating(change: Decimal) -> str:
    return "办公用房物业管理费和取暖费标准提高" if change > 0 else "厉行节约压减一般性支出"


def vehicle(change: Decimal, reform: bool) -> str:
    if reform and change < 0:
        return REFORM
    return "车辆使用年限增加导致维修费用上升" if change > 0 else "加强公务用车使用管理节约燃料和维修支出"


def reception(change: Decimal) -> str:
    return "承接上级检查和业务交流增加" if change > 0 else "严格执行公务接待标准压减接待批次"


def overseas(change: Decimal) -> str:
    return "按计划安排教育交流出访团组" if change > 0 else "本年度未安排因公出国（境）团组"


def purchase(change: Decimal) -> str:
    return "更新超过使用年限的公务用车" if change > 0 else "上年车辆购置任务已完成"


def three_public(change: Decimal, reform: bool) -> str:
    if reform and change < 0:
        return REFORM
    return "公务活动增加" if change > 0 else "厉行节约严控一般性支出"
