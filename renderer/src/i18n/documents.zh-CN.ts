/** Chinese strings of the per-item documents and the case file (issue 21). */
const documents = {
  title: '文书与卷宗',
  requestForm: '提请单',
  requestFormHint: '法律顾问咨询提请单（Word）',
  opinion: '意见书',
  opinionRound: '第 {{round}} 轮意见书',
  opinionHint: '法律意见书、合法性审查意见书或法制审核意见书（Word，按类别）',
  opinionRounds: '选择轮次',
  noOpinion: '尚未出具意见',
  caseFile: '导出卷宗',
  caseFileHint: '提请单、各轮意见书、全部附件、办理过程记录和卷内目录，打包为一个 ZIP 文件',
  saved: '已保存：{{name}}',
  caseFileSaved_one: '已导出卷宗（{{count}} 个文件）：{{name}}',
  caseFileSaved_other: '已导出卷宗（{{count}} 个文件）：{{name}}',
};

export default documents;
export type DocumentsMessages = typeof documents;
