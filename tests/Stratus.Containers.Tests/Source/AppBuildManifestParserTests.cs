using Stratus.Containers.Source;
using Stratus.Testing;

namespace Stratus.Containers.Tests.Source;

public sealed class AppBuildManifestParserTests
{
    private const string Full = """
        hooks:
          build:
            - npm ci
            - "echo done: ok"
          restart:
            before:
              - python manage.py migrate
            after:
              - curl -s localhost:8888/warm
        healthcheck:
          path: health
          interval_seconds: 5
          timeout_seconds: 2
          allowed_failures: 4
          deploy_timeout_seconds: 300
        processes:
          - name: web
            command: python app.py
            healthcheck:
              command: ["/bin/check", "--fast"]
          - name: worker
            command: celery worker
        kubernetes:
          groups:
            main:
              web:
                ports:
                  - name: http
                    protocol: tcp
                    port: 80
                    target_port: 8888
                  - port: 9090
        """;

    [Fact]
    public void ParseYaml_FullManifest_ReadsEveryField()
    {
        var manifest = AppBuildManifestParser.ParseYaml(Full);

        Assert.Equal(["npm ci", "echo done: ok"], manifest.Hooks.Build);
        Assert.Equal(["python manage.py migrate"], manifest.Hooks.RestartBefore);
        Assert.Equal(["curl -s localhost:8888/warm"], manifest.Hooks.RestartAfter);
        var check = Assert.IsType<AppHealthcheck>(manifest.Healthcheck);
        Assert.Equal("/health", check.Path);
        Assert.Equal((5, 2, 4, 300), (check.IntervalSeconds, check.TimeoutSeconds, check.AllowedFailures, check.DeployTimeoutSeconds));
        Assert.Equal(["web", "worker"], manifest.Processes.Select(p => p.Name));
        Assert.Equal("python app.py", manifest.Processes[0].Command);
        Assert.Equal(["/bin/check", "--fast"], manifest.Processes[0].Healthcheck?.Command);
        Assert.Null(manifest.Processes[1].Healthcheck);
        var ports = Assert.Single(manifest.KubernetesPorts);
        Assert.Equal(("main", "web"), (ports.Group, ports.Process));
        Assert.Equal([new AppPort("http", "TCP", 80, 8888), new AppPort(null, "TCP", 9090, 9090)], ports.Ports);
        Assert.Empty(manifest.Warnings);
        Assert.Equal("tsuru.yaml", manifest.ManifestFile);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("# only a comment\n", 0)]
    [InlineData("hooks:\n", 0)]
    public void ParseYaml_EmptyDocument_EmptyManifest(string yaml, int processes)
    {
        var manifest = AppBuildManifestParser.ParseYaml(yaml);

        Assert.Equal(processes, manifest.Processes.Count);
        Assert.Empty(manifest.Hooks.Build);
        Assert.Null(manifest.Healthcheck);
    }

    [Theory]
    [InlineData("hooks:\n  build: npm ci\n", 2, "hooks.build", "hooks.build must be a list of commands")]
    [InlineData("hooks:\n  build:\n    - echo a: b\n", 3, "hooks.build[0]", "quote the command")]
    [InlineData("hooks:\n  restart:\n    before: {a: 1}\n", 3, "hooks.restart.before", "hooks.restart.before must be a list of commands")]
    [InlineData("hooks: [1]\n", 1, "hooks", "hooks must be a mapping")]
    [InlineData("\n\nhealthcheck:\n  interval_seconds: soon\n", 4, "healthcheck.interval_seconds", "must be a whole number")]
    [InlineData("healthcheck:\n  allowed_failures: -1\n", 2, "healthcheck.allowed_failures", "between 0 and")]
    [InlineData("healthcheck:\n  path: /a\n  command: check\n", 2, "healthcheck", "either path or command")]
    [InlineData("healthcheck:\n  force_restart: maybe\n", 2, "healthcheck.force_restart", "true or false")]
    [InlineData("processes:\n  web: run\n", 2, "processes", "processes must be a list")]
    [InlineData("processes:\n  - name: Web_1\n    command: run\n", 2, "processes[0].name", "must start with a lowercase letter")]
    [InlineData("processes:\n  - command: run\n", 2, "processes[0].name", "processes[0].name is required")]
    [InlineData("processes:\n  - name: web\n", 2, "processes[0].command", "is required")]
    [InlineData("processes:\n  - name: web\n    command: [a, b]\n", 3, "processes[0].command", "must be text, not a list")]
    [InlineData("processes:\n  - name: web\n    command: a\n  - name: web\n    command: b\n", 4, "processes[1].name", "declared twice")]
    [InlineData("kubernetes:\n  groups:\n    g:\n      web:\n        ports:\n          - port: http\n", 6, "kubernetes.groups.g.web.ports[0].port", "whole number")]
    [InlineData("kubernetes:\n  groups:\n    g:\n      web:\n        ports:\n          - port: 80\n            protocol: icmp\n", 7, "kubernetes.groups.g.web.ports[0].protocol", "TCP, UDP or SCTP")]
    [InlineData("kubernetes:\n  groups:\n    g:\n      web:\n        ports:\n          - port: 70000\n", 6, "kubernetes.groups.g.web.ports[0].port", "between 1 and 65535")]
    public void ParseYaml_WrongType_ErrorNamesFileLineAndField(string yaml, int line, string field, string problem)
    {
        var error = Assert.Throws<AppManifestException>(() => AppBuildManifestParser.ParseYaml(yaml));

        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.StartsWith($"tsuru.yaml line {line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseYaml_HooksBuildScalar_MessageAsDocumented()
    {
        var error = Assert.Throws<AppManifestException>(() => AppBuildManifestParser.ParseYaml("# app\nhooks:\n  restart: {}\n  build: make\n"));

        Assert.Equal("tsuru.yaml line 4: hooks.build must be a list of commands, not 'make'", error.Message);
    }

    [Theory]
    [InlineData("hooks:\n  build: [a\n", "malformed YAML")]
    [InlineData("a: 1\na: 2\n", "malformed YAML")]
    [InlineData("a: 1\n---\nb: 2\n", "only one YAML document")]
    [InlineData("- a\n- b\n", "the document must be a mapping")]
    [InlineData("? [a]\n: b\n", "mapping keys must be plain text")]
    [InlineData("a: &x [*x]\n", "alias *x")]
    public void ParseYaml_Malformed_ErrorNamesFileAndLine(string yaml, string problem)
    {
        var error = Assert.Throws<AppManifestException>(() => AppBuildManifestParser.ParseYaml(yaml, "app.yml"));

        Assert.StartsWith("app.yml", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 1, $"no line in '{error.Message}'");
    }

    [Fact]
    public void ParseYaml_AliasBomb_Refused()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" +
                   string.Concat(Enumerable.Range(0, 6).Select(i => $"{(char)('b' + i)}: &{(char)('b' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i)}", 10))}]\n"));

        var error = Assert.Throws<AppManifestException>(() => AppBuildManifestParser.ParseYaml(yaml));

        Assert.Contains("more than 10000 YAML nodes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseYaml_TooLarge_Refused()
    {
        var error = Assert.Throws<AppManifestException>(() => AppBuildManifestParser.ParseYaml("a: " + new string('x', AppBuildManifestParser.MaxFileBytes)));

        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseYaml_UnknownFields_IgnoredWithWarning()
    {
        var manifest = AppBuildManifestParser.ParseYaml("hooks:\n  biuld:\n    - make\nstartupcheck:\n  path: /\n");

        Assert.Empty(manifest.Hooks.Build);
        Assert.Equal("tsuru.yaml line 2: unknown field hooks.biuld is ignored", Assert.Single(manifest.Warnings));
    }

    [Fact]
    public void ParseProcfile_CommentsBlankLinesAndCrlf_Parsed()
    {
        var processes = AppBuildManifestParser.ParseProcfile("\uFEFF# processes\r\n\r\nweb: gunicorn app:app --bind 0.0.0.0:$PORT\r\n  worker:celery -A x  \r\n\n#x: y\n");

        Assert.Equal([new AppProcess("web", "gunicorn app:app --bind 0.0.0.0:$PORT"), new AppProcess("worker", "celery -A x")], processes);
    }

    [Theory]
    [InlineData("web: a\njust a command\n", 2, "expected 'name: command'")]
    [InlineData(": a\n", 1, "expected 'name: command'")]
    [InlineData("Web: a\n", 1, "must start with a lowercase letter")]
    [InlineData("web_1: a\n", 1, "must start with a lowercase letter")]
    [InlineData("1web: a\n", 1, "must start with a lowercase letter")]
    [InlineData("web:\n", 1, "has no command")]
    [InlineData("web: a\n\nweb: b\n", 3, "declared twice")]
    public void ParseProcfile_BadLine_ErrorNamesLine(string procfile, int line, string problem)
    {
        var error = Assert.Throws<AppManifestException>(() => AppBuildManifestParser.ParseProcfile(procfile));

        Assert.Equal(line, error.Line);
        Assert.StartsWith($"Procfile line {line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseProcfile_NameOfFortyCharacters_AcceptedButNotFortyOne()
    {
        var name = "a" + new string('b', 39);

        Assert.Equal(name, Assert.Single(AppBuildManifestParser.ParseProcfile($"{name}: run")).Name);
        Assert.Throws<AppManifestException>(() => AppBuildManifestParser.ParseProcfile($"{name}c: run"));
    }

    [Fact]
    public void Parse_YamlProcesses_WinOverProcfile()
    {
        var manifest = AppBuildManifestParser.Parse("processes:\n  - name: api\n    command: ./api\n", "tsuru.yaml", "web: ./web\n");

        Assert.Equal("api", Assert.Single(manifest.Processes).Name);
        Assert.Equal("tsuru.yaml", manifest.ProcessesSource);
        Assert.Contains(manifest.Warnings, w => w.StartsWith("Procfile ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_YamlWithoutProcesses_UsesProcfile()
    {
        var manifest = AppBuildManifestParser.Parse("hooks:\n  build: [make]\n", "tsuru.yaml", "web: ./web\n");

        Assert.Equal([new AppProcess("web", "./web")], manifest.Processes);
        Assert.Equal("Procfile", manifest.ProcessesSource);
        Assert.Equal(["make"], manifest.Hooks.Build);
    }

    [Fact]
    public async Task LoadAsync_SeveralManifestNames_TsuruOrderWins()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.Combine("app.yml"), "hooks:\n  build: [from-app-yml]\n", TestTimeout.Token());
        await File.WriteAllTextAsync(folder.Combine("tsuru.yml"), "hooks:\n  build: [from-tsuru-yml]\n", TestTimeout.Token());
        await File.WriteAllTextAsync(folder.Combine("Procfile"), "web: ./run\n", TestTimeout.Token());

        var manifest = await AppBuildManifestParser.LoadAsync(folder.FullPath, TestTimeout.Token());

        Assert.Equal("tsuru.yml", manifest.ManifestFile);
        Assert.Equal(["from-tsuru-yml"], manifest.Hooks.Build);
        Assert.Equal("web", Assert.Single(manifest.Processes).Name);
        Assert.Contains(manifest.Warnings, w => w.Contains("app.yml ignored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadAsync_NoFiles_EmptyManifest()
    {
        using var folder = new TempFolder();

        var manifest = await AppBuildManifestParser.LoadAsync(folder.FullPath, TestTimeout.Token());

        Assert.Null(manifest.ManifestFile);
        Assert.Empty(manifest.Processes);
    }
}
