/** English strings of the annual report screen (年度统计). */
const reports = {
  title: 'Annual report',
  comingSoon: 'The annual report is coming soon',
};

export default reports;
