import { loadConfig } from './src/config/config';
import { createDataSource } from './src/db/data-source';

/** The owner's DataSource, used by the TypeORM CLI and the migrate entry point. */
export default createDataSource(loadConfig().DATABASE_OWNER_URL);
