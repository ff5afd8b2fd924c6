import { ApiProperty } from '@nestjs/swagger';
import { WebhookDeliveryView } from './webhook-delivery.view';

/** `GET /job-status/:id/deliveries`: every attempt to deliver the job's webhook. */
export class WebhookDeliveriesView {
  @ApiProperty({ type: WebhookDeliveryView, isArray: true, description: 'Oldest first.' })
  deliveries!: WebhookDeliveryView[];
}
