import { tearDownTerraform } from "./terraform";

export default tearDownTerraform;
