/** English strings of the per-item documents and the case file (issue 21). */
import type { DocumentsMessages } from './documents.zh-CN';

const documents: DocumentsMessages = {
  title: 'Documents and case file',
  requestForm: 'Request form',
  requestFormHint: 'Legal counsel consultation request form (Word)',
  opinion: 'Opinion',
  opinionRound: 'Opinion, round {{round}}',
  opinionHint: 'Legal opinion, legality review opinion or legal review opinion (Word, by category)',
  opinionRounds: 'Choose the round',
  noOpinion: 'No opinion yet',
  caseFile: 'Export case file',
  caseFileHint: 'The request form, every opinion, all attachments, the history and the index, in one ZIP file',
  saved: 'Saved: {{name}}',
  caseFileSaved_one: 'Case file exported ({{count}} file): {{name}}',
  caseFileSaved_other: 'Case file exported ({{count}} files): {{name}}',
};

export default documents;
