import { TablePayload } from '../table-payload';

export class TruncateTablePayload extends TablePayload {}
