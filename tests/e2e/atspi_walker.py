"""What a screen reader sees of one application, over AT-SPI; run under the system python3 (python3-pyatspi).

    /usr/bin/python3 atspi_walker.py dump APP_NAME        -> JSON: {"apps": [...], "nodes": [...]}
    /usr/bin/python3 atspi_walker.py press APP_NAME NAME  -> JSON: {"pressed": "Start", "action": "Press"}

Each node: name, role (AT-SPI role name, e.g. "push button"), description, x, y, width, height (screen
coordinates), states (e.g. "showing", "focusable"), actions (e.g. ["Press", "SetFocus"]), depth.
Only nodes that are showing are listed (a stacked screen that is not current is not).
The caller's environment must hold DISPLAY and DBUS_SESSION_BUS_ADDRESS.
"""

import json
import sys

import pyatspi

MAX_NODES = 5000


def find_app(app_name):
    desktop = pyatspi.Registry.getDesktop(0)
    names = []
    for app in desktop:
        if app is None:
            continue
        names.append(app.name)
        if app.name == app_name:
            return app, names
    return None, names


def states_of(node):
    return sorted(pyatspi.stateToString(s) for s in node.getState().getStates())


def actions_of(node):
    try:
        action = node.queryAction()
    except NotImplementedError:
        return []
    return [action.getName(i) for i in range(action.nActions)]


def walk(root):
    """Showing nodes under `root`, depth first."""
    found, stack = [], [(root, 0)]
    while stack and len(found) < MAX_NODES:
        node, depth = stack.pop()
        if node is None:
            continue
        states = states_of(node)
        if depth > 0 and "showing" not in states:
            continue
        try:
            extents = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            box = {"x": extents.x, "y": extents.y, "width": extents.width, "height": extents.height}
        except NotImplementedError:
            box = {"x": 0, "y": 0, "width": 0, "height": 0}
        found.append({"name": node.name, "role": node.getRoleName(), "description": node.description,
                      "states": states, "actions": actions_of(node), "depth": depth, **box,
                      "_node": node})
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        stack.extend((child, depth + 1) for child in reversed(children))
    return found


def press(app, name):
    for entry in walk(app):
        node = entry["_node"]
        if entry["name"] == name and entry["role"] in ("push button", "toggle button", "check box",
                                                      "radio button"):
            action = node.queryAction()
            for i in range(action.nActions):
                if action.getName(i).lower() in ("press", "click"):
                    action.doAction(i)
                    return {"pressed": name, "action": action.getName(i)}
            return {"error": f"{name!r} has no press action: {actions_of(node)}"}
    return {"error": f"no showing button named {name!r}"}


def main(argv):
    command, app_name = argv[1], argv[2]
    app, names = find_app(app_name)
    if app is None:
        print(json.dumps({"apps": names, "nodes": [], "error": f"no application named {app_name!r}"}))
        return 3
    if command == "dump":
        nodes = [{k: v for k, v in n.items() if k != "_node"} for n in walk(app)]
        print(json.dumps({"apps": names, "nodes": nodes}))
        return 0
    if command == "press":
        result = press(app, argv[3])
        print(json.dumps(result))
        return 0 if "pressed" in result else 4
    print(json.dumps({"error": f"unknown command {command!r}"}))
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
