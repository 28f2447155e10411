import '@testing-library/jest-dom';

// The suite runs beside the backend's in CI on two cores; a page that loads
// lazily can take longer than testing-library's default second to appear.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5000 });
