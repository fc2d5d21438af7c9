using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stratus.Containers.Source;

/// <summary>
/// Walks a loaded tsuru.yaml against Tsuru's schema. Wrong types throw <see cref="AppManifestException"/> naming the
/// line and field; unknown fields are ignored as Tsuru ignores them, but noted in <see cref="Warnings"/> so a typo
/// (<c>hooks.biuld</c>) shows in the deploy log.
/// </summary>
internal sealed partial class ManifestYamlReader(string file)
{
    private static readonly string[] TopLevel = ["hooks", "healthcheck", "startupcheck", "processes", "kubernetes"];
    private static readonly string[] HookFields = ["build", "restart"];
    private static readonly string[] RestartFields = ["before", "after"];
    private static readonly string[] HealthcheckFields =
        ["path", "command", "scheme", "headers", "interval_seconds", "timeout_seconds", "allowed_failures", "deploy_timeout_seconds", "force_restart", "method", "status", "match", "use_in_router"];
    private static readonly string[] StartupcheckFields = ["path", "command", "scheme", "headers", "interval_seconds", "timeout_seconds", "allowed_failures"];
    private static readonly string[] ProcessFields = ["name", "command", "healthcheck", "startupcheck", "ports"];
    private static readonly string[] PortFields = ["name", "protocol", "port", "target_port"];

    public List<string> Warnings { get; } = [];

    public AppBuildManifest Read(YamlNode? root)
    {
        if (root is null || IsNull(root))
        {
            return AppBuildManifest.Empty with { ManifestFile = file };
        }

        var top = Mapping(root, "the document");
        var manifest = new AppBuildManifest { ManifestFile = file };
        foreach (var (key, value) in Entries(top, "", TopLevel))
        {
            manifest = key switch
            {
                "hooks" => manifest with { Hooks = ReadHooks(value) },
                "healthcheck" => manifest with { Healthcheck = ReadHealthcheck(value, "healthcheck", HealthcheckFields) },
                "startupcheck" => manifest with { Startupcheck = ReadHealthcheck(value, "startupcheck", StartupcheckFields) },
                "processes" => manifest with { Processes = ReadProcesses(value) },
                "kubernetes" => manifest with { KubernetesPorts = ReadKubernetes(value) },
                _ => manifest,
            };
        }

        return manifest;
    }

    private AppBuildHooks ReadHooks(YamlNode node)
    {
        var hooks = AppBuildHooks.None;
        if (IsNull(node))
        {
            return hooks;
        }

        foreach (var (key, value) in Entries(Mapping(node, "hooks"), "hooks.", HookFields))
        {
            if (key == "build")
            {
                hooks = hooks with { Build = Commands(value, "hooks.build") };
                continue;
            }

            if (IsNull(value))
            {
                continue;
            }

            foreach (var (phase, commands) in Entries(Mapping(value, "hooks.restart"), "hooks.restart.", RestartFields))
            {
                hooks = phase == "before"
                    ? hooks with { RestartBefore = Commands(commands, "hooks.restart.before") }
                    : hooks with { RestartAfter = Commands(commands, "hooks.restart.after") };
            }
        }

        return hooks;
    }

    private AppHealthcheck? ReadHealthcheck(YamlNode node, string field, string[] fields)
    {
        if (IsNull(node))
        {
            return null;
        }

        var check = new AppHealthcheck();
        foreach (var (key, value) in Entries(Mapping(node, field), field + ".", fields))
        {
            var name = $"{field}.{key}";
            check = key switch
            {
                "path" => check with { Path = Text(value, name) },
                "command" => check with { Command = ProbeCommand(value, name) },
                "scheme" => check with { Scheme = Scheme(value, name) },
                "headers" => check with { Headers = Headers(value, name) },
                "interval_seconds" => check with { IntervalSeconds = Number(value, name, 0, 86_400) },
                "timeout_seconds" => check with { TimeoutSeconds = Number(value, name, 0, 86_400) },
                "allowed_failures" => check with { AllowedFailures = Number(value, name, 0, 10_000) },
                "deploy_timeout_seconds" => check with { DeployTimeoutSeconds = Number(value, name, 0, 86_400) },
                "force_restart" => check with { ForceRestart = Boolean(value, name) },
                _ => check,
            };
        }

        if (check.Path is { Length: > 0 } && check.Command is { Count: > 0 })
        {
            throw Error(node, field, $"{field} must have either path or command, not both");
        }

        if (check.Path is { Length: > 0 } && !check.Path.StartsWith('/'))
        {
            check = check with { Path = "/" + check.Path };
        }

        return check;
    }

    /// <summary>
    /// The <c>processes</c> entries in file order. A missing command is kept as an empty one: as in Tsuru, the Procfile
    /// may give it, and the entry's checks and ports still attach to the name (see <see cref="AppBuildManifestParser.Parse"/>).
    /// </summary>
    private List<AppProcess> ReadProcesses(YamlNode node)
    {
        if (IsNull(node))
        {
            return [];
        }

        var list = Sequence(node, "processes", "a list of {name, command} entries");
        var processes = new List<AppProcess>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var field = FormattableString.Invariant($"processes[{i}]");
            string? name = null;
            string? command = null;
            YamlNode? nameNode = null;
            var process = new AppProcess("", "");
            foreach (var (key, value) in Entries(Mapping(list.Children[i], field), field + ".", ProcessFields))
            {
                switch (key)
                {
                    case "name":
                        name = Text(value, field + ".name");
                        nameNode = value;
                        break;
                    case "command":
                        // Tsuru's process command is one shell command line (run with /bin/sh -lc), not an argument list.
                        command = Text(value, field + ".command");
                        break;
                    case "healthcheck":
                        process = process with { Healthcheck = ReadHealthcheck(value, field + ".healthcheck", HealthcheckFields) };
                        break;
                    case "startupcheck":
                        process = process with { Startupcheck = ReadHealthcheck(value, field + ".startupcheck", StartupcheckFields) };
                        break;
                    case "ports":
                        process = process with { Ports = ReadPorts(value, field + ".ports") };
                        break;
                }
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                throw Error(list.Children[i], field + ".name", $"{field}.name is required");
            }

            if (AppBuildManifestParser.ProcessNameProblem(name) is { } problem)
            {
                throw Error(nameNode!, field + ".name", $"{field}.name {problem}");
            }

            // Tsuru refuses a repeated name when it looks the process's ports up; here it is refused at once.
            if (processes.Any(p => p.Name == name))
            {
                throw Error(nameNode!, field + ".name", $"{field}.name: process '{name}' is declared twice");
            }

            processes.Add(process with { Name = name, Command = command?.Trim() ?? "" });
        }

        return processes;
    }

    private List<AppProcessPorts> ReadKubernetes(YamlNode node)
    {
        var result = new List<AppProcessPorts>();
        if (IsNull(node))
        {
            return result;
        }

        foreach (var (key, groups) in Entries(Mapping(node, "kubernetes"), "kubernetes.", ["groups"]))
        {
            if (key != "groups" || IsNull(groups))
            {
                continue;
            }

            foreach (var (group, processes) in Entries(Mapping(groups, "kubernetes.groups"), null, null))
            {
                var groupField = "kubernetes.groups." + group;
                if (IsNull(processes))
                {
                    continue;
                }

                foreach (var (process, config) in Entries(Mapping(processes, groupField), null, null))
                {
                    var processField = groupField + "." + process;
                    if (AppBuildManifestParser.ProcessNameProblem(process) is { } problem)
                    {
                        throw Error(processes, processField, $"{processField}: the process name {problem}");
                    }

                    // Tsuru fails the deploy when two groups name the same process ("duplicated process name").
                    if (result.FirstOrDefault(r => r.Process == process) is { } earlier)
                    {
                        throw Error(processes, processField, $"{processField}: process '{process}' is already in kubernetes.groups.{earlier.Group}");
                    }

                    List<AppPort>? ports = null;
                    if (!IsNull(config))
                    {
                        foreach (var (_, list) in Entries(Mapping(config, processField), processField + ".", ["ports"]))
                        {
                            ports = ReadPorts(list, processField + ".ports");
                        }
                    }

                    result.Add(new AppProcessPorts(group, process, ports));
                }
            }
        }

        return result;
    }

    private List<AppPort> ReadPorts(YamlNode node, string field)
    {
        var ports = new List<AppPort>();
        if (IsNull(node))
        {
            return ports;
        }

        var list = Sequence(node, field, "a list of {name, protocol, port, target_port} entries");
        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemField = FormattableString.Invariant($"{field}[{i}]");
            string? name = null;
            var protocol = "TCP";
            var port = 0;
            var target = 0;
            foreach (var (key, value) in Entries(Mapping(list.Children[i], itemField), itemField + ".", PortFields))
            {
                var name2 = $"{itemField}.{key}";
                switch (key)
                {
                    case "name":
                        name = Text(value, name2);
                        break;
                    case "protocol":
                        protocol = (Text(value, name2) ?? "TCP").ToUpperInvariant();
                        if (protocol is not ("TCP" or "UDP" or "SCTP"))
                        {
                            throw Error(value, name2, $"{name2} must be TCP, UDP or SCTP");
                        }

                        break;
                    case "port":
                        port = Number(value, name2, 1, 65_535);
                        break;
                    case "target_port":
                        target = Number(value, name2, 1, 65_535);
                        break;
                }
            }

            if (port == 0 && target == 0)
            {
                throw Error(list.Children[i], itemField + ".port", $"{itemField} needs a port or a target_port");
            }

            // Tsuru's default names; a name is a Kubernetes port name (and part of the port's route prefix).
            name = string.IsNullOrEmpty(name)
                ? FormattableString.Invariant($"{(protocol == "UDP" ? "udp" : "http")}-default-{i + 1}")
                : name;
            if (!PortName().IsMatch(name) || !name.Any(char.IsAsciiLetter))
            {
                throw Error(list.Children[i], itemField + ".name", $"{itemField}.name '{name}' must be 1 to 15 lowercase letters, digits and '-' (with a letter, not starting or ending with '-'): it names a Kubernetes port");
            }

            if (ports.Any(p => p.Name == name))
            {
                throw Error(list.Children[i], itemField + ".name", $"{itemField}.name: port '{name}' is declared twice");
            }

            ports.Add(new AppPort(name, protocol, port == 0 ? target : port, target == 0 ? port : target));
        }

        return ports;
    }

    private IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode mapping, string? prefix, string[]? known)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (known is not null && !known.Contains(key, StringComparer.Ordinal))
            {
                Warnings.Add(FormattableString.Invariant($"{file} line {Line(keyNode)}: unknown field {prefix}{key} is ignored"));
                continue;
            }

            yield return (key, value);
        }
    }

    private YamlMappingNode Mapping(YamlNode node, string field) =>
        node as YamlMappingNode ?? throw Error(node, field, field == "the document" ? "the document must be a mapping (key: value pairs)" : $"{field} must be a mapping (key: value pairs), not {Describe(node)}");

    private YamlSequenceNode Sequence(YamlNode node, string field, string expected) =>
        node as YamlSequenceNode ?? throw Error(node, field, $"{field} must be {expected}, not {Describe(node)}");

    private List<string> Commands(YamlNode node, string field)
    {
        if (IsNull(node))
        {
            return [];
        }

        var list = Sequence(node, field, "a list of commands");
        var commands = new List<string>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemField = FormattableString.Invariant($"{field}[{i}]");
            if (list.Children[i] is not YamlScalarNode { Value: { } command } || IsNull(list.Children[i]))
            {
                throw Error(list.Children[i], itemField,
                    list.Children[i] is YamlMappingNode
                        ? $"{itemField} must be a command (text), not a mapping; quote the command if it contains ': '"
                        : $"{itemField} must be a command (text), not {Describe(list.Children[i])}");
            }

            if (string.IsNullOrWhiteSpace(command))
            {
                throw Error(list.Children[i], itemField, $"{itemField} is an empty command");
            }

            commands.Add(command);
        }

        return commands;
    }

    private List<string>? ProbeCommand(YamlNode node, string field)
    {
        if (IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } text })
        {
            return ["/bin/sh", "-c", text];
        }

        var list = Sequence(node, field, "a command (text) or a list of arguments");
        return list.Children.Select((item, i) => item is YamlScalarNode { Value: { } argument }
            ? argument
            : throw Error(item, FormattableString.Invariant($"{field}[{i}]"), FormattableString.Invariant($"{field}[{i}] must be text, not {Describe(item)}"))).ToList();
    }

    private string? Text(YamlNode node, string field)
    {
        if (IsNull(node))
        {
            return null;
        }

        return node is YamlScalarNode { Value: { } value } ? value : throw Error(node, field, $"{field} must be text, not {Describe(node)}");
    }

    private string? Scheme(YamlNode node, string field)
    {
        var scheme = Text(node, field)?.ToLowerInvariant();
        return scheme is null or "" or "http" or "https" ? scheme : throw Error(node, field, $"{field} must be http or https");
    }

    private Dictionary<string, string> Headers(YamlNode node, string field)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (IsNull(node))
        {
            return headers;
        }

        foreach (var (key, value) in Entries(Mapping(node, field), null, null))
        {
            headers[key] = Text(value, $"{field}.{key}") ?? "";
        }

        return headers;
    }

    private int Number(YamlNode node, string field, int min, int max)
    {
        if (IsNull(node))
        {
            return 0;
        }

        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value >= min && value <= max
                ? value
                : throw Error(node, field, FormattableString.Invariant($"{field} must be between {min} and {max}, not {value}"));
        }

        throw Error(node, field, $"{field} must be a whole number, not {Describe(node)}");
    }

    private bool Boolean(YamlNode node, string field)
    {
        if (IsNull(node))
        {
            return false;
        }

        return node is YamlScalarNode { Value: { } text } ? text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(node, field, $"{field} must be true or false, not '{text}'"),
        } : throw Error(node, field, $"{field} must be true or false, not {Describe(node)}");
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode { Value: { } value } => $"'{(value.Length > 60 ? value[..60] + "…" : value)}'",
        _ => "empty",
    };

    private static int Line(YamlNode node) => ManifestYamlGuard.Line(node.Start);

    private AppManifestException Error(YamlNode node, string field, string problem) => new(file, Line(node), field, problem);

    // Kubernetes' IANA_SVC_NAME: at most 15 characters, no leading, trailing or doubled '-'.
    [GeneratedRegex("^(?!.*--)[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex PortName();
}
