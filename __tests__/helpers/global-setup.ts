import { setUpTerraform } from "./terraform";

export default setUpTerraform;
