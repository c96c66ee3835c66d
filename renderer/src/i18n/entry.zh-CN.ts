/** Chinese strings of data entry: the date input, unsaved-changes prompts, limits, 密级. */
import { SECRECY_ZH } from '#domain/secrecy';

const entry = {
  date: {
    placeholder: '如 2026-03-10',
    understood: '识别为 {{date}}',
    understoodFormat: 'YYYY年M月D日 dddd',
    pick: '从日历中选择',
    problem: {
      empty: '请填写日期',
      unrecognised: '无法识别“{{typed}}”：可写作 2026-03-10、2026/3/10、2026.3.10、20260310 或 2026年3月10日',
      noSuchDay: '没有这一天：“{{typed}}”',
      yearOutOfRange: '年份不合理：“{{typed}}”（应在 {{min}}–{{max}} 年之间）',
      shortYear: '“{{typed}}”的年份请写完整的四位数字',
      ambiguousOrder: '“{{typed}}”无法确定月和日的顺序，请按 年-月-日 填写',
    },
    future: '不能晚于今天（{{today}}）',
    before: '不能早于{{what}}（{{day}}）',
  },
  itemCount: {
    tooltip: '本次咨询涉及的不同事项数，即报告“N次（M项）”中的“项”：一份合同、一份文件或一个需要分别给出意见的问题算 1 项；如一次送审 3 份合同为 3 项。',
    empty: '请填写项数',
    decimal: '项数应为整数，不能有小数',
    notNumber: '项数应为数字（可用全角数字）',
    range: '项数应为 {{min}} 至 {{max}} 之间的整数',
  },
  secrecy: {
    label: '密级',
    level: { ...SECRECY_ZH },
    hint: '本系统为非涉密系统，不能登记秘密、机密或绝密事项；工作秘密事项在生成送审包时须确认。',
  },
  unsaved: {
    title: '有尚未保存的修改',
    content: '离开后，刚才填写的内容将不会保存。确定要离开吗？',
    leave: '放弃修改并离开',
    stay: '继续编辑',
  },
};

export default entry;
