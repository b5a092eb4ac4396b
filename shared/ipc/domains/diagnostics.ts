// The "Export diagnostics" call: one text file for support, built in main from versions,
// settings without secrets, the companies' states and the recent log (electron/main/log/).
import { z } from 'zod';

export const diagnosticsCalls = {
  'diagnostics:exportFile': {
    request: z.undefined(),
    response: z.object({ fileName: z.string().max(100), text: z.string().max(5_000_000) }),
  },
} as const;
