import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../contract/accounts.events';

export const REQUIRED_ACCESS = 'claims-ledger:required-access';

/**
 * What a route needs: `public` (anyone, always), `read` (anyone while LEDGER_PUBLIC_READ is true, else
 * a reader), or a role. Routes without it: reads need `read`, every other method `contributor`, so a
 * new write route is never open by mistake.
 */
export type Access = 'public' | 'read' | Role;

export const Requires = (access: Access) => SetMetadata(REQUIRED_ACCESS, access);
