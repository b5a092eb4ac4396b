// Transient timer UI state: the last timer error (commands also arrive from the tray while no form
// is in view) and the project chosen for the next start, which "Add time" also defaults to.
import { create } from 'zustand';

interface TimerErrors {
  message: string | null;
  report(message: string): void;
  clear(): void;
}

export const useTimerErrors = create<TimerErrors>((set) => ({
  message: null,
  report: (message) => set({ message }),
  clear: () => set({ message: null }),
}));

interface TimerChoice {
  /** undefined until the user (or the last used project) chose one. */
  projectId: string | null | undefined;
  /** The task for the next start; undefined = the project's default task. */
  taskId: string | null | undefined;
  /** Choosing a project resets the task to that project's default. */
  choose(projectId: string | null): void;
  chooseTask(taskId: string | null): void;
}

export const useTimerChoice = create<TimerChoice>((set) => ({
  projectId: undefined,
  taskId: undefined,
  choose: (projectId) => set({ projectId, taskId: undefined }),
  chooseTask: (taskId) => set({ taskId }),
}));
