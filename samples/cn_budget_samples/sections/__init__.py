"""The narrative sections of a disclosure, 一 to 八, each a function writing through a `Writer`,
one module a section (五 and 六 share one): `headings` names them, `changes` rotates the change
phrasings a document uses, `compose` calls them in order.

Budget and final accounts share the skeleton (职责, 收支总体, 机关运行经费, "三公"经费, 政府采购,
国有资产, 绩效, 名词解释); wording differs by kind and by style. Every figure goes through
`Sentence`, so what is printed is what the truth records.
"""
