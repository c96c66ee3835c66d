/** Chinese strings of the annual report screen (年度统计). */
const reports = {
  title: '年度统计',
  comingSoon: '年度统计即将推出',
};

export default reports;
