import { perCheck } from '../../../terraform/kit.js';
import { crossRegionReplica } from '../terraform.js';

/** sql.cross-region-replica: a replica in another region for each primary without one (a new resource). */
export default perCheck(crossRegionReplica);
