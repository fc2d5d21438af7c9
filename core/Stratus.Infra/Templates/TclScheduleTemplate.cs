namespace Stratus.Infra.Templates;

/// <summary>A schedule a scheduleTemplates flow creates: run the template named <see cref="Name"/> on the Quartz cron <see cref="Schedule"/>.</summary>
public sealed record TclScheduleTemplate(string Name, string Schedule);
