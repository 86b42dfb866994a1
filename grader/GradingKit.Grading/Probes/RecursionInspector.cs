using System.Reflection;
using System.Reflection.Emit;

namespace GradingKit.Grading.Probes;

/// <summary>
/// Reads a method's IL to tell whether it recurses: whether it, or any method of the same assembly
/// that it calls, can call itself again. Recursion, seen without running the code into a stack overflow.
/// </summary>
public static class RecursionInspector
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    /// <summary>The method of <paramref name="type"/> that implements <paramref name="contractMethod"/>, public or explicit.</summary>
    /// <param name="type">The student's class.</param>
    /// <param name="contractMethod">A method of an interface the class implements.</param>
    /// <returns>The class's method that a call through the interface runs.</returns>
    public static MethodInfo Implementing(Type type, MethodInfo contractMethod)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(contractMethod);
        var map = type.GetInterfaceMap(contractMethod.DeclaringType!);
        return map.TargetMethods[Array.IndexOf(map.InterfaceMethods, contractMethod)];
    }

    /// <summary>A cycle of calls reachable from <paramref name="method"/>, if there is one.</summary>
    /// <param name="method">The method to inspect.</param>
    /// <returns>The calls from <paramref name="method"/> into the cycle and round it (for example "Iterative -> Step -> Step"), or null.</returns>
    public static string? FindRecursion(MethodBase method)
    {
        var explored = new HashSet<MethodBase>();
        var path = new List<MethodBase>();
        return Visit(method);

        string? Visit(MethodBase current)
        {
            path.Add(current);
            foreach (var callee in Callees(current, method.Module))
            {
                if (path.Contains(callee))
                {
                    return string.Join(" -> ", path.Append(callee).Select(m => m.Name));
                }

                if (explored.Add(callee) && Visit(callee) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }
    }

    private static IEnumerable<MethodBase> Callees(MethodBase method, Module module)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null || method.Module != module)
        {
            yield break;
        }

        var genericTypes = method.DeclaringType?.GetGenericArguments();
        var genericMethods = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var position = 0; position < il.Length;)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            var code = OpCodesByValue[value];
            var operandSize = OperandSize(code, il, position);
            if (code.OperandType == OperandType.InlineMethod)
            {
                var token = BitConverter.ToInt32(il, position);
                MethodBase? callee = null;
                try
                {
                    callee = module.ResolveMethod(token, genericTypes, genericMethods);
                }
                catch (ArgumentException)
                {
                    // A token from another module's generic context: not a call back into this assembly.
                }

                if (callee is not null && callee.Module == module)
                {
                    yield return callee;
                }
            }

            position += operandSize;
        }
    }

    private static int OperandSize(OpCode code, byte[] il, int position) => code.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
        _ => 4,
    };
}
