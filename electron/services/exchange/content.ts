/**
 * What a package's manifest carries (`content`), validated at the boundary: a package is a
 * hostile file until every field has passed these schemas. The texts' limits are the
 * ledger's own (LIMITS), so nothing arrives that the ledger could not hold.
 */
import { z } from 'zod';
import { CONCLUSIONS } from '#domain/types';
import { LIMITS } from '#domain/limits';
import { SECRECY_LEVELS } from '#domain/secrecy';
// A package is a boundary of its own (a hostile file, read here rather than through a method's input):
// its fields are checked with the contract's field builders, so they clean text exactly as the methods do.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { block, day, required, text } from '../../api/define';

const itemId = z.number().int().positive().max(2 ** 31);
const version = z.number().int().positive().max(2 ** 31);
const ref = z.string().regex(/^f[0-9]{1,5}$/);
const MAX_ITEMS = 500;

export const reviewItemSchema = z.strictObject({
  id: itemId,
  version,
  serialNo: text(40),
  title: required(LIMITS.title, '事项名称'),
  description: block(LIMITS.description),
  category: text(LIMITS.categoryNameZh),
  department: text(LIMITS.departmentName),
  requester: text(LIMITS.requester),
  receivedOn: day,
  dueOn: day.nullable(),
  assignedOn: day.nullable(),
  itemCount: z.number().int().min(1).max(999),
  secrecy: z.enum(SECRECY_LEVELS),
  rounds: z
    .array(z.strictObject({ round: z.number().int().min(1).max(999), conclusion: z.enum(CONCLUSIONS), text: block(LIMITS.opinionText), issuedOn: day, counselName: text(LIMITS.counselName) }))
    .max(999),
  /** the materials: refs into the manifest's files */
  files: z.array(ref).max(200),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const reviewContentSchema = z.strictObject({
  office: z.strictObject({ name: text(LIMITS.officeName) }),
  counsel: z.strictObject({ id: itemId, name: text(LIMITS.counselName) }),
  items: z.array(reviewItemSchema).min(1).max(MAX_ITEMS),
});
export type ReviewContent = z.infer<typeof reviewContentSchema>;

export const replyOpinionSchema = z.strictObject({
  itemId,
  /** the item's version in the 送审包 the counsel answered */
  basedOnVersion: version,
  /** how many rounds the counsel saw */
  roundsSeen: z.number().int().min(0).max(999),
  conclusion: z.enum(CONCLUSIONS),
  text: required(LIMITS.opinionText, '意见内容', true),
  issuedOn: day,
  files: z.array(ref).max(50),
});
export type ReplyOpinion = z.infer<typeof replyOpinionSchema>;

export const replyContentSchema = z.strictObject({
  counsel: z.strictObject({ name: text(LIMITS.counselName) }),
  opinions: z.array(replyOpinionSchema).min(1).max(MAX_ITEMS),
});
export type ReplyContent = z.infer<typeof replyContentSchema>;
