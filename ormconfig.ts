import { loadConfig } from './src/config/config';
import { hubDataSource } from './src/modules';

/** The owner's DataSource, used by the TypeORM CLI and the migrate entry point. */
export default hubDataSource(loadConfig().DATABASE_OWNER_URL);
