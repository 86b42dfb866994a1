extern alias Starter;

using System.Reflection;
using System.Text.RegularExpressions;

namespace GradingKit.Tests;

[TestFixture]
public sealed partial class TheStubs
{
    private static readonly Assembly StarterAssembly = typeof(Starter::GradingKit.Exercises.CpuCounter).Assembly;
    private static readonly Assembly ContractAssembly = typeof(Contracts.ICpuCounter).Assembly;

    private static IEnumerable<Type> ExerciseClasses => StarterAssembly.GetExportedTypes().Where(type => type.Namespace == "GradingKit.Exercises");

    [Test]
    public void The_starter_defines_one_public_sealed_class_per_contract_interface()
    {
        var interfaces = ContractAssembly.GetExportedTypes()
            .Where(type => type.IsInterface && type.Name != nameof(Contracts.ISharedArray))
            .Select(type => type.Name[1..])
            .Order();

        ExerciseClasses.Select(type => type.Name).Order().ShouldBe(interfaces);
        foreach (var type in ExerciseClasses)
        {
            type.IsSealed.ShouldBeTrue(type.Name);
            type.GetConstructor(Type.EmptyTypes).ShouldNotBeNull(type.Name);
            type.GetInterfaces().Select(i => i.Name).ShouldContain($"I{type.Name}");
        }
    }

    [Test]
    public void Every_member_throws_the_one_stub_message_naming_its_exercise()
    {
        var manifest = Manifest.Load(Kit.ManifestPath);
        var members = 0;
        foreach (var type in ExerciseClasses)
        {
            var instance = Activator.CreateInstance(type);
            foreach (var method in type.GetInterfaces().SelectMany(i => type.GetInterfaceMap(i).TargetMethods))
            {
                members++;
                var callable = method.IsGenericMethodDefinition
                    ? method.MakeGenericMethod(method.GetGenericArguments().Select(_ => typeof(int)).ToArray())
                    : method;
                var arguments = callable.GetParameters()
                    .Select(parameter => parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType) : null)
                    .ToArray();

                var thrown = Should.Throw<TargetInvocationException>(() => callable.Invoke(instance, arguments)).InnerException;

                var message = thrown.ShouldBeOfType<NotImplementedException>().Message;
                var match = StubMessage().Match(message);
                match.Success.ShouldBeTrue(message);
                match.Groups["member"].Value.ShouldBe($"{type.Name}.{method.Name}");
                File.Exists(Path.Combine(Kit.Root, "starter", "GradingKit.Starter", match.Groups["file"].Value)).ShouldBeTrue(message);
                match.Groups["file"].Value.ShouldEndWith($".{type.Name}.cs");
                manifest.Exercises.Where(e => e.Class == type.Name).Select(e => e.Id).ShouldContain(match.Groups["id"].Value);
            }
        }

        members.ShouldBe(14); // Pool, ExceptionCollector and Fibonacci have two members each
    }

    [GeneratedRegex(@"^(?<id>E\d{2}): (?<member>\w+\.\w+) is not implemented yet\. Write it in (?<file>E\d{2}\.\w+\.cs); the comment above the class explains the exercise\.$")]
    private static partial Regex StubMessage();
}
