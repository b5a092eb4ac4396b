// Component tests wait (findBy…, waitFor) for screens that Dexie's live queries fill in
// asynchronously. On a loaded CI machine the first render can take longer than testing-library's
// default wait of one second; five seconds keeps the tests about what a user sees, not about speed.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5_000 });
