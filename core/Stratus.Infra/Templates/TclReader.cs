using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stratus.Infra.Templates;

/// <summary>
/// Walks a loaded template and turns it into <see cref="TclTemplate"/>, recording a problem at every node that is wrong
/// and carrying on, so one pass reports everything. Field names are case-sensitive, as in Terrakube's Java model.
/// </summary>
internal sealed partial class TclReader(Func<string, string?>? scheduleProblem)
{
    private const string FlowKey = "flow";

    // Terrakube's docs spell the field "importComands"; "importCommands" is its Java property. Both mean the same.
    private const string ImportKey = "importComands";
    private const string ImportKeyAlias = "importCommands";

    private static readonly string[] TopLevelFields = [FlowKey];

    private static readonly string[] FlowFields =
    [
        "type", "step", "name", "team", "ignoreError", "commands", "onFailure", "onReject", "templates", "inputsEnv", "inputsTerraform",
        ImportKey, ImportKeyAlias, "requireSavedPlan",
    ];

    private static readonly string[] CommandFields = ["runtime", "priority", "before", "after", "beforeInit", "script", "verbose"];

    private static readonly string[] ScheduleTemplateFields = ["name", "schedule"];

    private static readonly string[] ImportFields = ["repository", "folder", "branch", "vcsId", "inputsEnv", "inputsTerraform"];

    // Terrakube's Flow has it, but only Terrakube itself sets it (on the flow it makes for a template that does not
    // parse); in a template it would do nothing, so saying so beats calling it unknown.
    private static readonly Dictionary<string, string> UnsupportedFlowFields = new(StringComparer.Ordinal)
    {
        ["error"] = "error is set by Terrakube itself on a template that does not parse and does nothing in a template; remove it",
    };

    private static readonly Dictionary<string, string> NoUnsupportedFields = new(StringComparer.Ordinal);

    private readonly List<TclProblem> _problems = [];

    // Fields already reported, so a follow-on check does not pile a second problem onto the same mistake.
    private readonly HashSet<string> _reportedFields = new(StringComparer.Ordinal);

    public IReadOnlyList<TclProblem> Problems => _problems;

    public TclTemplate? Read(YamlNode? root)
    {
        if (root is null || IsNull(root))
        {
            _problems.Add(new TclProblem(0, 0, string.Empty, "the template is empty; it needs a 'flow' list"));
            return null;
        }

        if (root is not YamlMappingNode map)
        {
            Add(root, string.Empty, "a template is a mapping with a 'flow' list");
            return null;
        }

        var fields = Fields(map, string.Empty, TopLevelFields, NoUnsupportedFields, "template field");
        if (!fields.TryGetValue(FlowKey, out var flowEntry) || IsNull(flowEntry.Value))
        {
            Add(map, FlowKey, "is required: a list of flows, each with a 'type' and a 'step'");
            return null;
        }

        if (flowEntry.Value is not YamlSequenceNode items)
        {
            Add(flowEntry.Value, FlowKey, "must be a list of flows");
            return null;
        }

        if (items.Children.Count == 0)
        {
            Add(items, FlowKey, "must have at least one flow");
            return null;
        }

        var stepOwners = new Dictionary<int, string>();
        var flows = new List<TclFlow>();
        for (var i = 0; i < items.Children.Count; i++)
        {
            var flow = ReadFlow(items.Children[i], Index(FlowKey, i), stepOwners);
            if (flow is not null)
            {
                flows.Add(flow);
            }
        }

        return new TclTemplate([.. flows.OrderBy(f => f.Step)]);
    }

    private TclFlow? ReadFlow(YamlNode node, string path, Dictionary<int, string> stepOwners)
    {
        if (node is not YamlMappingNode map)
        {
            Add(node, path, "a flow must be a mapping with at least 'type' and 'step'");
            return null;
        }

        var fields = Fields(map, path, FlowFields, UnsupportedFlowFields, "flow field");

        var type = ReadType(map, fields, path);
        var step = ReadStep(map, fields, path, stepOwners);
        var name = OptionalText(fields, "name", path);
        var team = ReadTeam(map, fields, path, type);
        var ignoreError = OptionalBool(fields, "ignoreError", path) ?? false;

        // Only flows an executor runs have anywhere to run commands; elsewhere they would silently never run.
        const string ExecutorFlows = "terraform* and customScripts flows";
        var commandsNode = Applicable(fields, "commands", path, type, TclFlowType.RunsOnExecutor(type), ExecutorFlows);
        var commands = ReadCommands(commandsNode, Join(path, "commands"), type);
        var imports = ReadImportCommands(fields, path, type, ExecutorFlows);
        var importsWritten = FieldNode(fields, ImportKey) is not null || FieldNode(fields, ImportKeyAlias) is not null;
        if (type == TclFlowType.CustomScripts && !importsWritten && commandsNode is null or YamlSequenceNode { Children.Count: 0 })
        {
            Add(KeyOr(fields, "commands", map), Join(path, "commands"), $"a customScripts flow needs at least one command, or {ImportKey} to fetch them");
        }

        var onFailure = ReadCommands(Applicable(fields, "onFailure", path, type, TclFlowType.RunsOnExecutor(type), ExecutorFlows), Join(path, "onFailure"), null);
        var onReject = ReadCommands(Applicable(fields, "onReject", path, type, type == TclFlowType.Approval, "approval flows"), Join(path, "onReject"), null);
        var templates = ReadScheduleTemplates(map, fields, path, type);
        var inputsEnv = ReadInputs(
            Applicable(fields, "inputsEnv", path, type, TclFlowType.RunsOnExecutor(type), ExecutorFlows),
            Join(path, "inputsEnv"),
            EnvironmentName(),
            "environment variable name");
        var inputsTerraform = ReadInputs(
            Applicable(fields, "inputsTerraform", path, type, TclFlowType.RunsOnExecutor(type), ExecutorFlows),
            Join(path, "inputsTerraform"),
            TerraformName(),
            "Terraform variable name");
        var requireSavedPlan = Applicable(fields, "requireSavedPlan", path, type, TclFlowType.IsTerraform(type), "terraform* flows") is not null
            && (OptionalBool(fields, "requireSavedPlan", path) ?? false);

        return type is null || step is null
            ? null
            : new TclFlow(type, step.Value, name, team, ignoreError, commands, onFailure, onReject, templates, inputsEnv, inputsTerraform, imports, requireSavedPlan);
    }

    /// <summary>
    /// importComands (or importCommands): where the flow's commands come from when the step runs. Written twice would
    /// leave it unclear which one counts, so that is a problem at the second.
    /// </summary>
    private TclImportCommands? ReadImportCommands(Dictionary<string, TclField> fields, string path, string? type, string executorFlows)
    {
        if (fields.ContainsKey(ImportKey) && fields.TryGetValue(ImportKeyAlias, out var alias))
        {
            Add(alias.Key, Join(path, ImportKeyAlias), $"{ImportKey} is written already; keep one of {ImportKey} and {ImportKeyAlias}");
            return null;
        }

        var key = fields.ContainsKey(ImportKeyAlias) ? ImportKeyAlias : ImportKey;
        var field = Join(path, key);
        var node = Applicable(fields, key, path, type, TclFlowType.RunsOnExecutor(type), executorFlows);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            Add(node, field, "must be a mapping with 'repository', 'branch' and 'folder'");
            return null;
        }

        var importFields = Fields(map, field, ImportFields, NoUnsupportedFields, $"{key} field");
        var repository = RequiredText(map, importFields, "repository", field, "is required: the git URL of the repository that holds the commands");
        var branch = RequiredText(map, importFields, "branch", field, "is required: the branch to fetch the commands from, e.g. main");
        var folder = RequiredText(map, importFields, "folder", field, "is required: the folder in the repository that holds the commands");
        var vcsId = OptionalText(importFields, "vcsId", field);

        // Terrakube splits folder on ',' and uses the first entry; the rest never run, so this keeps only that one.
        var firstFolder = folder?.Split(',')[0].Trim();
        if (folder is not null && string.IsNullOrEmpty(firstFolder))
        {
            Add(FieldNode(importFields, "folder")!, Join(field, "folder"), "must name a folder before any ','");
        }

        var inputsEnv = ReadInputs(FieldNode(importFields, "inputsEnv"), Join(field, "inputsEnv"), EnvironmentName(), "environment variable name");
        var inputsTerraform = ReadInputs(FieldNode(importFields, "inputsTerraform"), Join(field, "inputsTerraform"), TerraformName(), "Terraform variable name");
        return repository is null || branch is null || string.IsNullOrEmpty(firstFolder)
            ? null
            : new TclImportCommands(repository, branch, firstFolder, inputsEnv, inputsTerraform, vcsId);
    }

    private string? ReadType(YamlMappingNode map, Dictionary<string, TclField> fields, string path)
    {
        var field = Join(path, "type");
        var node = FieldNode(fields, "type");
        if (node is null)
        {
            Add(map, field, $"is required; use one of: {string.Join(", ", TclFlowType.All)}");
            return null;
        }

        var text = Text(node, field);
        if (text is null)
        {
            return null;
        }

        if (TclFlowType.IsKnown(text))
        {
            return text;
        }

        Add(node, field, TclSuggestions.Unknown("flow type", text, TclFlowType.All));
        return null;
    }

    private int? ReadStep(YamlMappingNode map, Dictionary<string, TclField> fields, string path, Dictionary<int, string> stepOwners)
    {
        var field = Join(path, "step");
        var node = FieldNode(fields, "step");
        if (node is null)
        {
            Add(map, field, "is required: a positive whole number that orders the flow, e.g. 100");
            return null;
        }

        if (Integer(node) is not { } step || step <= 0)
        {
            Add(node, field, "must be a positive whole number");
            return null;
        }

        // Steps become step numbers of a job and order its flows, so two flows cannot share one.
        if (stepOwners.TryGetValue(step, out var owner))
        {
            Add(node, field, $"step {step} is already used by {owner}; steps must be unique");
            return null;
        }

        stepOwners[step] = path;
        return step;
    }

    private string? ReadTeam(YamlMappingNode map, Dictionary<string, TclField> fields, string path, string? type)
    {
        var field = Join(path, "team");
        var node = Applicable(fields, "team", path, type, type == TclFlowType.Approval, "approval flows");
        if (node is null)
        {
            if (type == TclFlowType.Approval && !HasProblemsAt(field))
            {
                Add(KeyOr(fields, "team", map), field, "is required: an approval flow names the team whose members may approve or reject");
            }

            return null;
        }

        var team = Text(node, field);
        if (team is not null && string.IsNullOrWhiteSpace(team))
        {
            Add(node, field, "must not be empty");
            return null;
        }

        return team;
    }

    private List<TclCommand> ReadCommands(YamlNode? node, string path, string? flowType)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode items)
        {
            Add(node, path, "must be a list of commands");
            return [];
        }

        var commands = new List<TclCommand>();
        for (var i = 0; i < items.Children.Count; i++)
        {
            var command = ReadCommand(items.Children[i], Index(path, i), flowType);
            if (command is not null)
            {
                commands.Add(command);
            }
        }

        // OrderBy is stable: equal priorities keep the order they were written in.
        return [.. commands.OrderBy(c => c.Priority)];
    }

    /// <param name="flowType">The flow's type for its main commands; null for onFailure/onReject, which have no before/after.</param>
    private TclCommand? ReadCommand(YamlNode node, string path, string? flowType)
    {
        if (node is not YamlMappingNode map)
        {
            Add(node, path, "a command must be a mapping with 'runtime' and 'script'");
            return null;
        }

        var fields = Fields(map, path, CommandFields, NoUnsupportedFields, "command field");
        var runtime = ReadRuntime(map, fields, path);

        var priorityField = Join(path, "priority");
        var priority = TclCommand.DefaultPriority;
        if (FieldNode(fields, "priority") is { } priorityNode)
        {
            if (Integer(priorityNode) is { } value)
            {
                priority = value;
            }
            else
            {
                Add(priorityNode, priorityField, "must be a whole number");
            }
        }

        var before = OptionalBool(fields, "before", path);
        var after = OptionalBool(fields, "after", path);
        var beforeInit = OptionalBool(fields, "beforeInit", path) ?? false;
        var verbose = OptionalBool(fields, "verbose", path) ?? false;

        var scriptField = Join(path, "script");
        var scriptNode = FieldNode(fields, "script");
        string? script = null;
        if (scriptNode is null)
        {
            Add(map, scriptField, "is required: the script to run");
        }
        else
        {
            script = Text(scriptNode, scriptField);
            if (script is not null && string.IsNullOrWhiteSpace(script))
            {
                Add(scriptNode, scriptField, "must not be empty");
            }
        }

        // The executor runs a terraform* flow's commands before or after Terraform; one that is neither never runs.
        // customScripts flows run all their commands, so there before/after mean nothing.
        var placementUnreadable = HasProblemsAt(Join(path, "before")) || HasProblemsAt(Join(path, "after")) || HasProblemsAt(Join(path, "beforeInit"));
        if (TclFlowType.IsTerraform(flowType) && before != true && after != true && !beforeInit && !placementUnreadable)
        {
            Add(map, path, $"a command in a {flowType} flow must set 'before: true', 'after: true' or 'beforeInit: true', or it never runs");
        }

        return runtime is null || script is null
            ? null
            : new TclCommand(runtime, priority, before ?? false, after ?? false, script, verbose, beforeInit);
    }

    private string? ReadRuntime(YamlMappingNode map, Dictionary<string, TclField> fields, string path)
    {
        var field = Join(path, "runtime");
        var node = FieldNode(fields, "runtime");
        if (node is null)
        {
            Add(map, field, $"is required; use {string.Join(" or ", TclCommand.Runtimes)}");
            return null;
        }

        // Case-sensitive like the executor's Java enum, which refuses "bash"; the suggestion catches that.
        var runtime = Text(node, field);
        if (runtime is null || TclCommand.Runtimes.Contains(runtime, StringComparer.Ordinal))
        {
            return runtime;
        }

        Add(node, field, TclSuggestions.Unknown("runtime", runtime, TclCommand.Runtimes));
        return null;
    }

    private List<TclScheduleTemplate> ReadScheduleTemplates(YamlMappingNode map, Dictionary<string, TclField> fields, string path, string? type)
    {
        var field = Join(path, "templates");
        var node = Applicable(fields, "templates", path, type, type == TclFlowType.ScheduleTemplates, "scheduleTemplates flows");
        if (node is null)
        {
            if (type == TclFlowType.ScheduleTemplates && !HasProblemsAt(field))
            {
                Add(KeyOr(fields, "templates", map), field, "is required: a list of {name, schedule} for a scheduleTemplates flow");
            }

            return [];
        }

        if (node is not YamlSequenceNode items)
        {
            Add(node, field, "must be a list of {name, schedule}");
            return [];
        }

        if (items.Children.Count == 0)
        {
            Add(items, field, "must have at least one {name, schedule}");
            return [];
        }

        var templates = new List<TclScheduleTemplate>();
        for (var i = 0; i < items.Children.Count; i++)
        {
            var template = ReadScheduleTemplate(items.Children[i], Index(field, i));
            if (template is not null)
            {
                templates.Add(template);
            }
        }

        return templates;
    }

    private TclScheduleTemplate? ReadScheduleTemplate(YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            Add(node, path, "must be a mapping with 'name' (a template) and 'schedule' (a Quartz cron expression)");
            return null;
        }

        var fields = Fields(map, path, ScheduleTemplateFields, NoUnsupportedFields, "schedule template field");
        var name = RequiredText(map, fields, "name", path, "is required: the name of the template to schedule");
        var schedule = RequiredText(map, fields, "schedule", path, "is required: a Quartz cron expression, e.g. 0 0 3 ? * MON-FRI");
        if (schedule is not null && scheduleProblem?.Invoke(schedule) is { } problem)
        {
            Add(FieldNode(fields, "schedule")!, Join(path, "schedule"), problem);
            return null;
        }

        return name is null || schedule is null ? null : new TclScheduleTemplate(name, schedule);
    }

    private Dictionary<string, string> ReadInputs(YamlNode? node, string path, Regex namePattern, string nameWhat)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return inputs;
        }

        if (node is not YamlMappingNode map)
        {
            Add(node, path, $"must be a mapping of {nameWhat} to $NAME of an organization global variable");
            return inputs;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            var field = Join(path, key);
            if (!namePattern.IsMatch(key))
            {
                Add(keyNode, field, $"'{key}' is not a valid {nameWhat}");
            }

            var value = Text(valueNode, field);
            if (value is null)
            {
                continue;
            }

            // Inputs copy organization globals into the flow; anything else would be a literal hiding in a template.
            if (!GlobalReference().IsMatch(value))
            {
                Add(valueNode, field, "must name an organization global variable as $NAME, e.g. $AWS_REGION");
                continue;
            }

            inputs[key] = value;
        }

        return inputs;
    }

    /// <summary>The value of a field that only some flow types use; a problem (and null) when this type does not.</summary>
    private YamlNode? Applicable(Dictionary<string, TclField> fields, string name, string path, string? type, bool applies, string appliesTo)
    {
        if (!fields.TryGetValue(name, out var entry) || IsNull(entry.Value))
        {
            return null;
        }

        // An unknown or missing type is already a problem; guessing what applies would only add noise.
        if (type is not null && !applies)
        {
            Add(entry.Key, Join(path, name), $"only applies to {appliesTo}, not {type}");
            return null;
        }

        return entry.Value;
    }

    /// <summary>Known fields by name; unknown ones become problems naming the fields that are allowed.</summary>
    private Dictionary<string, TclField> Fields(
        YamlMappingNode map, string path, string[] known, Dictionary<string, string> unsupported, string what)
    {
        var fields = new Dictionary<string, TclField>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Children)
        {
            // TclDocumentGuard refuses keys that are not scalars before the tree is built.
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            if (known.Contains(key, StringComparer.Ordinal))
            {
                fields[key] = new TclField(keyNode, valueNode);
            }
            else if (unsupported.TryGetValue(key, out var message))
            {
                Add(keyNode, Join(path, key), message);
            }
            else
            {
                Add(keyNode, Join(path, key), TclSuggestions.Unknown(what, key, known));
            }
        }

        return fields;
    }

    private string? RequiredText(YamlMappingNode map, Dictionary<string, TclField> fields, string name, string path, string missing)
    {
        var field = Join(path, name);
        var node = FieldNode(fields, name);
        if (node is null)
        {
            Add(map, field, missing);
            return null;
        }

        var text = Text(node, field);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            Add(node, field, "must not be empty");
            return null;
        }

        return text;
    }

    private string? OptionalText(Dictionary<string, TclField> fields, string name, string path) =>
        FieldNode(fields, name) is { } node ? Text(node, Join(path, name)) : null;

    private bool? OptionalBool(Dictionary<string, TclField> fields, string name, string path)
    {
        if (FieldNode(fields, name) is not { } node)
        {
            return null;
        }

        // Terrakube reads templates with SnakeYAML, whose booleans are YAML 1.1's in any case: yes/no and on/off too.
        switch ((node as YamlScalarNode)?.Value?.ToUpperInvariant())
        {
            case "TRUE" or "YES" or "ON":
                return true;
            case "FALSE" or "NO" or "OFF":
                return false;
            default:
                Add(node, Join(path, name), "must be true or false");
                return null;
        }
    }

    private string? Text(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? string.Empty;
        }

        Add(node, field, "must be text, not a list or mapping");
        return null;
    }

    /// <summary>A whole number, quoted or not (Terrakube's Jackson reader accepts both); null when it is not one.</summary>
    private static int? Integer(YamlNode node) =>
        node is YamlScalarNode { Value: { } text }
        && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>A present, non-null field's value; <c>name:</c> with nothing after it counts as absent.</summary>
    private static YamlNode? FieldNode(Dictionary<string, TclField> fields, string name) =>
        fields.TryGetValue(name, out var entry) && !IsNull(entry.Value) ? entry.Value : null;

    /// <summary>Where to point for a field that is missing or empty: its key when written as <c>name:</c>, else the mapping.</summary>
    private static YamlNode KeyOr(Dictionary<string, TclField> fields, string name, YamlMappingNode map) =>
        fields.TryGetValue(name, out var entry) ? entry.Key : map;

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private bool HasProblemsAt(string field) => _reportedFields.Contains(field);

    private void Add(YamlNode node, string field, string message)
    {
        _reportedFields.Add(field);
        _problems.Add(new TclProblem(
            (int)Math.Min(node.Start.Line, int.MaxValue),
            (int)Math.Min(node.Start.Column, int.MaxValue),
            field,
            message));
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    [GeneratedRegex(@"^\$[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex GlobalReference();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentName();

    // Terraform identifiers may contain dashes.
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex TerraformName();
}
