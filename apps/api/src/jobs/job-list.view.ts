import { ApiProperty } from '@nestjs/swagger';
import { JobStatusView } from './job-status.view';

/** A page of `GET /jobs`. */
export class JobListView {
  @ApiProperty({
    type: JobStatusView,
    isArray: true,
    description: 'Newest first; with `fields`, each job carries only the fields asked for.',
  })
  jobs!: Array<Partial<JobStatusView>>;
  /** Pass back as `cursor` for the next page; null on the last page. @example "c2VxOjQy" */
  next_cursor!: string | null;
}
