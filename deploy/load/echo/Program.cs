// A bare Kestrel JSON echo: POST /PaySim answers the body it was sent, as application/json. What PaySim's gateway
// adds to a request over this (routing on the method, binding, the grain call, the reply) is its overhead.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapPost("/PaySim", static async context =>
{
    context.Response.ContentType = "application/json";
    await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
});
app.Run();
