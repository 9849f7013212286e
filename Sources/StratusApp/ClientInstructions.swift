import Foundation

/// What the operator sees at start: where the cloud is and how to point
/// `openstack` at it. The admin password appears only when Stratus generated it:
/// one the operator gave is never echoed (start output ends up in logs).
struct ClientInstructions {
    let cloud: StratusCloud

    var text: String {
        let password = cloud.generatedAdminPassword
        let hint = cloud.configuration.adminPassword == nil
            ? "the admin password chosen on the first start" : "the password given with --admin-password"
        let passwordLine = password.map { "export OS_PASSWORD='\($0)'" } ?? "export OS_PASSWORD=...   # \(hint)"
        var lines = [
            "Stratus is running at \(cloud.baseURL)",
            "",
            "Point the openstack client at it:",
            "",
            "export OS_AUTH_URL=\(cloud.identityURL)",
            "export OS_IDENTITY_API_VERSION=3",
            "export OS_USERNAME=admin",
            passwordLine,
            "export OS_PROJECT_NAME=admin",
            "export OS_USER_DOMAIN_NAME=Default",
            "export OS_PROJECT_DOMAIN_NAME=Default",
            "export OS_REGION_NAME=RegionOne",
            "openstack token issue",
        ]
        lines += [
            "",
            "Or add this entry to ~/.config/openstack/clouds.yaml and use `openstack --os-cloud stratus`:",
            "",
            "clouds:",
            "  stratus:",
            "    auth:",
            "      auth_url: \(cloud.identityURL)",
            "      username: admin",
            "      password: \(password.map { "'\($0)'" } ?? "...")",
            "      project_name: admin",
            "      user_domain_name: Default",
            "      project_domain_name: Default",
            "    identity_api_version: 3",
            "    region_name: RegionOne",
        ]
        if cloud.generatedAdminPassword != nil {
            lines += ["", "The admin password was generated for this first start and is shown only now."]
        }
        return lines.joined(separator: "\n")
    }
}
