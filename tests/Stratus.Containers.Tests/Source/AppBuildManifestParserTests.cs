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
        Assert.Equal([new AppPort("http", "TCP", 80, 8888), new AppPort("http-default-2", "TCP", 9090, 9090)], ports.Ports);
        Assert.True(manifest.ChecksPerProcess);
        Assert.Equal("tsuru.yaml: the app-wide healthcheck is ignored: with processes listed, each process uses its own", Assert.Single(manifest.Warnings));
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
    [InlineData("processes:\n  - name: web.1\n    command: run\n", 2, "processes[0].name", "must be letters, digits, '_' and '-'")]
    [InlineData("processes:\n  - command: run\n", 2, "processes[0].name", "processes[0].name is required")]
    [InlineData("processes:\n  - name: web\n    ports:\n      - name: Metrics_Port\n        port: 9\n", 4, "processes[0].ports[0].name", "names a Kubernetes port")]
    [InlineData("processes:\n  - name: web\n    ports:\n      - port: 1\n      - name: http-default-1\n        port: 2\n", 5, "processes[0].ports[1].name", "declared twice")]
    [InlineData("processes:\n  - name: web\n    startupcheck:\n      path: /a\n      command: b\n", 4, "processes[0].startupcheck", "either path or command")]
    [InlineData("kubernetes:\n  groups:\n    a:\n      web:\n        ports: []\n    b:\n      web:\n        ports: []\n", 7, "kubernetes.groups.b.web", "already in kubernetes.groups.a")]
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
        var warnings = new List<string>();

        var processes = AppBuildManifestParser.ParseProcfile("\uFEFF# processes\r\n\r\nweb: gunicorn app:app --bind 0.0.0.0:$PORT\r\nworker:celery -A x  \r\n\n#x: y\n", warnings);

        Assert.Equal([new AppProcess("web", "gunicorn app:app --bind 0.0.0.0:$PORT"), new AppProcess("worker", "celery -A x")], processes);
        Assert.Empty(warnings);
    }

    [Fact]
    public void ParseProcfile_TsuruNames_Accepted()
    {
        var processes = AppBuildManifestParser.ParseProcfile("Web_1: a\n1-worker: b\n_x: c\n");

        Assert.Equal(["1-worker", "Web_1", "_x"], processes.Select(p => p.Name));
    }

    [Theory]
    [InlineData("web: a\njust a command\n", 2)]
    [InlineData("web: a\n: b\n", 2)]
    [InlineData("web: a\n  worker: b\n", 2)]
    [InlineData("web: a\nweb.1: b\n", 2)]
    [InlineData("web: a\nworker:\n", 2)]
    [InlineData("web: a\nworker:   \r\n", 2)]
    public void ParseProcfile_BadLine_SkippedWithAWarningNamingTheLine(string procfile, int line)
    {
        var warnings = new List<string>();

        var processes = AppBuildManifestParser.ParseProcfile(procfile, warnings);

        Assert.Equal([new AppProcess("web", "a")], processes);
        Assert.StartsWith($"Procfile line {line} skipped: ", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseProcfile_DuplicateName_LastLineWins()
    {
        var warnings = new List<string>();

        var processes = AppBuildManifestParser.ParseProcfile("web: first\nworker: w\nweb: second\n", warnings);

        Assert.Equal([new AppProcess("web", "second"), new AppProcess("worker", "w")], processes);
        Assert.Equal("Procfile line 3: process 'web' is declared again; this line replaces line 1", Assert.Single(warnings));
    }

    [Fact]
    public void ParseProcfile_NameOfFortyCharacters_AcceptedButNotFortyOne()
    {
        var name = "a" + new string('b', 39);
        var warnings = new List<string>();

        Assert.Equal(name, Assert.Single(AppBuildManifestParser.ParseProcfile($"{name}: run")).Name);
        Assert.Empty(AppBuildManifestParser.ParseProcfile($"{name}c: run", warnings));
        Assert.Contains("at most 40 characters", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_YamlAndProcfile_MergedPerProcessNameAsTsuru()
    {
        const string yaml = """
            processes:
              - name: web
                command: ./web --yaml
                healthcheck:
                  path: /healthz
              - name: api
                healthcheck:
                  path: /ready
                  scheme: https
                  headers:
                    Host: api.example.com
                startupcheck:
                  command: test -f /tmp/started
                ports:
                  - name: grpc
                    port: 9000
                    target_port: 9001
                  - name: stats
                    protocol: udp
                    port: 8125
              - name: ghost
            """;

        var manifest = AppBuildManifestParser.Parse(yaml, "tsuru.yaml", "web: ./web --procfile\napi: ./api\nworker: ./worker\n");

        Assert.Equal(["api", "web", "worker"], manifest.Processes.Select(p => p.Name));
        var api = manifest.Processes[0];
        Assert.Equal("./api", api.Command);
        Assert.Equal(("/ready", "https"), (api.Healthcheck?.Path, api.Healthcheck?.Scheme));
        Assert.Equal("api.example.com", api.Healthcheck?.Headers["Host"]);
        Assert.Equal(["/bin/sh", "-c", "test -f /tmp/started"], api.Startupcheck?.Command);
        Assert.Equal([new AppPort("grpc", "TCP", 9000, 9001), new AppPort("stats", "UDP", 8125, 8125)], api.Ports);
        Assert.Equal("./web --yaml", manifest.Processes[1].Command);
        Assert.Equal("/healthz", manifest.Processes[1].Healthcheck?.Path);
        Assert.Equal(new AppProcess("worker", "./worker"), manifest.Processes[2]);
        Assert.True(manifest.ChecksPerProcess);
        Assert.Equal("tsuru.yaml, Procfile", manifest.ProcessesSource);
        Assert.Contains("Procfile: process 'web' ignored: tsuru.yaml gives its command", manifest.Warnings);
        Assert.Contains("tsuru.yaml: process 'ghost' ignored: it has no command, here or in a Procfile", manifest.Warnings);
    }

    [Fact]
    public void Parse_YamlWithoutProcesses_UsesProcfileAndTheAppWideChecks()
    {
        var manifest = AppBuildManifestParser.Parse("hooks:\n  build: [make]\nhealthcheck:\n  path: /h\n  scheme: HTTPS\n  headers: {X-Probe: yes}\nstartupcheck:\n  path: /s\n  interval_seconds: 2\n", "tsuru.yaml", "web: ./web\n");

        Assert.Equal([new AppProcess("web", "./web")], manifest.Processes);
        Assert.Equal("Procfile", manifest.ProcessesSource);
        Assert.Equal(["make"], manifest.Hooks.Build);
        Assert.False(manifest.ChecksPerProcess);
        Assert.Equal(("/h", "https", "yes"), (manifest.Healthcheck?.Path, manifest.Healthcheck?.Scheme, manifest.Healthcheck?.Headers["X-Probe"]));
        Assert.Equal(("/s", 2), (manifest.Startupcheck?.Path, manifest.Startupcheck?.IntervalSeconds));
        Assert.Empty(manifest.Warnings);
    }

    [Fact]
    public void Parse_StartupcheckDeployTimeout_IgnoredWithWarning()
    {
        var manifest = AppBuildManifestParser.ParseYaml("startupcheck:\n  path: /s\n  deploy_timeout_seconds: 5\n");

        Assert.Equal("/s", manifest.Startupcheck?.Path);
        Assert.Equal("tsuru.yaml line 3: unknown field startupcheck.deploy_timeout_seconds is ignored", Assert.Single(manifest.Warnings));
    }

    [Fact]
    public void Parse_NamesOnlyDifferingInCase_RefusedAsOneKubernetesName()
    {
        var error = Assert.Throws<AppManifestException>(() => AppBuildManifestParser.Parse(null, "tsuru.yaml", "web_a: a\nWeb-a: b\n"));

        Assert.Contains("same Kubernetes name 'web-a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PortsOf_ProcessPortsThenKubernetesGroups_AsTsuruPicksThem()
    {
        const string yaml = """
            processes:
              - name: web
                command: ./web
                ports:
                  - port: 8080
              - name: api
                command: ./api
            kubernetes:
              groups:
                main:
                  web:
                    ports:
                      - port: 1
                  api:
                    ports:
                      - name: admin
                        target_port: 7000
                  worker:
                    ports: []
            """;

        var manifest = AppBuildManifestParser.ParseYaml(yaml);

        Assert.Equal([new AppPort("http-default-1", "TCP", 8080, 8080)], manifest.PortsOf("web"));
        Assert.Equal([new AppPort("admin", "TCP", 7000, 7000)], manifest.PortsOf("api"));
        Assert.Empty(manifest.PortsOf("worker")!);
        Assert.Null(manifest.PortsOf("other"));
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
