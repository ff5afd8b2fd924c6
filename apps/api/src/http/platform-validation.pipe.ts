import { ValidationPipe } from '@nestjs/common';

/** How every DTO is validated: unknown fields refused, values converted, one error per field. */
export const platformValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false },
  });
