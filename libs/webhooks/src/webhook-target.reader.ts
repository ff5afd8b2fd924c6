import { JobStatus } from '@lib/job-status';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A job whose webhook is due: the job as it is now, and where and how to sign its delivery. */
export interface WebhookTarget {
  job: JobStatus;
  url: string;
  secret: string;
}

/** Reads the job a delivery is for, with the secret the row never shows otherwise. */
@Injectable()
export class WebhookTargetReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The job and its webhook; undefined when the job is gone (pruned) or has no webhook. */
  async read(jobId: string): Promise<WebhookTarget | undefined> {
    const job = await this.dataSource
      .getRepository(JobStatus)
      .createQueryBuilder('job')
      .addSelect('job.webhookSecret')
      .where('job.id = :jobId', { jobId })
      .getOne();
    if (!job?.webhookUrl || !job.webhookSecret) {
      return undefined;
    }
    return { job, url: job.webhookUrl, secret: job.webhookSecret };
  }
}
