import { ApiProperty, PartialType } from '@nestjs/swagger';
import { JobStatusView } from './job-status.view';

/** A job of `GET /jobs`: a JobStatusView, with only the fields asked for in `fields`. */
export class JobListItemView extends PartialType(JobStatusView) {}

/** A page of `GET /jobs`. */
export class JobListView {
  @ApiProperty({
    type: JobListItemView,
    isArray: true,
    description:
      'Newest first: each job a JobStatusView, with `fields` carrying only the fields asked for.',
  })
  jobs!: JobListItemView[];
  /** Pass back as `cursor` for the next page; null on the last page. @example "c2VxOjQy" */
  next_cursor!: string | null;
}
